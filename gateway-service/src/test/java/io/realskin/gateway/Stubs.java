package io.realskin.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** The tests' side of {@link StubBackends}: its state, reached over its control port. */
final class Stubs {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static void up(String backend, boolean up) {
        call("/" + backend + "/" + (up ? "up" : "down"));
    }

    /** Makes the billing and prompt stand-ins refuse every service token (a backend that does not trust this gateway's key). */
    static void refuseTokens(boolean refuse) {
        call("/refuse-tokens/" + (refuse ? "on" : "off"));
    }

    /** Previews (intensity 99) the texture stand-in holds now. */
    static int previewsHeld() {
        return Integer.parseInt(call("/previews-held"));
    }

    /** Answers every preview the texture stand-in holds. */
    static void releasePreviews() {
        call("/previews-release");
    }

    /** Thumbnails (of a source 333 px wide) the texture stand-in holds now. */
    static int thumbnailsHeld() {
        return Integer.parseInt(call("/thumbnails-held"));
    }

    /** Answers every thumbnail the texture stand-in holds. */
    static void releaseThumbnails() {
        call("/thumbnails-release");
    }

    /** Texture profiles (of a photo 444 px wide) the texture stand-in holds now. */
    static int profilesHeld() {
        return Integer.parseInt(call("/profiles-held"));
    }

    /** Answers every texture profile the texture stand-in holds. */
    static void releaseProfiles() {
        call("/profiles-release");
    }

    /** Prompt calls (the prompt "hold") the prompt stand-in holds now. */
    static int promptsHeld() {
        return Integer.parseInt(call("/prompts-held"));
    }

    /** Answers every prompt call the prompt stand-in holds. */
    static void releasePrompts() {
        call("/prompts-release");
    }

    /** Gives the prompt stand-in's catalogue the provider's key, or takes it away ({@code available} of its models). */
    static void providerConfigured(String provider, boolean configured) {
        call("/providers/" + provider + "/" + (configured ? "configured" : "unconfigured"));
    }

    static void holdMode(String tenant, String mode) {
        call("/hold-mode/" + tenant + "/" + mode);
    }

    static String hold(String jobId) {
        return call("/holds/" + jobId);
    }

    /** The quote (operation, model, megapixels, maskedFraction) the job's hold was placed with, as JSON. */
    static String quoteOf(String jobId) {
        return call("/quotes/" + jobId);
    }

    /** The bodies the gateway sent to billing's POST /quotes for the tenant, in order, as a JSON array. */
    static String priceRequestsOf(String tenant) {
        return call("/price-requests/" + tenant);
    }

    /** The last body prompt-service's stand-in received at {@code path} (e.g. /models/recommend), as JSON. */
    static com.fasterxml.jackson.databind.JsonNode promptBody(String path) {
        try {
            return new ObjectMapper().readTree(call("/prompt-body" + path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the job's hold as billing would after settling it (CAPTURED, RELEASED, EXPIRED). */
    static void holdState(String jobId, String state) {
        call("/hold-state/" + jobId + "/" + state);
    }

    /** The states (HELD, RELEASED) of every hold placed for the tenant. */
    static List<String> holdsOf(String tenant) {
        try {
            return new ObjectMapper().readValue(call("/holds-of/" + tenant), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job ids of every hold the gateway asked billing for on the tenant's behalf (placed or not). */
    static List<String> holdJobsOf(String tenant) {
        try {
            return new ObjectMapper().readValue(call("/hold-jobs-of/" + tenant), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void nextWebhookStatus(int status) {
        call("/webhook-statuses/" + status);
    }

    static List<Map<String, String>> webhooks() {
        try {
            return new ObjectMapper().readValue(call("/webhooks"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of every service token the billing and prompt stand-ins accepted, with the "method" and "path" it came with. */
    static List<Map<String, Object>> tokens() {
        try {
            return new ObjectMapper().readValue(call("/tokens"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The actor billing was sent with each grant, adjustment and refund of the tenant, in order ("none": no actor). */
    static List<String> creditActors(String tenant) {
        try {
            return new ObjectMapper().readValue(call("/credit-actors/" + tenant), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tenants whose billing account was opened. */
    static List<String> accounts() {
        try {
            return new ObjectMapper().readValue(call("/accounts"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tenants whose billing account the gateway closed, once per call. */
    static List<String> closedAccounts() {
        try {
            return new ObjectMapper().readValue(call("/closed"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slow receiver's counters: inFlight (held now), max (held at once, ever), received. */
    static Map<String, Integer> slowReceiver() {
        try {
            return new ObjectMapper().readValue(call("/slow/stats"), new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets every request the slow receiver holds, and every later one, be answered at once (204). */
    static void releaseSlowReceiver() {
        call("/slow/release");
    }

    static String slowReceiverUrl(String path) {
        return "http://127.0.0.1:" + System.getProperty("stub.slowReceiverPort") + path;
    }

    static String receiverUrl(String path) {
        return "http://127.0.0.1:" + System.getProperty("stub.receiverPort") + path;
    }

    private static String call(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + System.getProperty("stub.controlPort") + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Stubs() {
    }
}
