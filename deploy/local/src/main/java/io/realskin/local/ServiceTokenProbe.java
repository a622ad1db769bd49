package io.realskin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Calls one endpoint of an internal service the ways a caller that is not the gateway could (docs/security.md): the
 * backends' tests and the system tests check that each is refused with 401, and that the gateway's own token is not.
 */
public final class ServiceTokenProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern UNAUTHORIZED_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"https://realskin\\.io/problems/unauthorized\"");

    /** One request: method, absolute URL and a JSON body (null for none). */
    public record Call(String method, String url, String jsonBody) {
        public static Call get(String url) {
            return new Call("GET", url, null);
        }

        public static Call post(String url, String jsonBody) {
            return new Call("POST", url, jsonBody);
        }
    }

    /** Every way to get it wrong, by name, as the {@code Authorization} header to send (null: none at all). */
    public static Map<String, String> wrongCredentials(ServiceKeys keys, String audience, String tenantId, String scope) {
        ServiceKeys.Token good = keys.token(audience, tenantId, scope);
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put("no token", null);
        wrong.put("not a JWT", "Bearer not-a-jwt");
        wrong.put("an API key instead", "Bearer rsk_test_bgmO03ou4dp4pyoWxcKV12oizZ6kDkkU23wjaz");
        wrong.put("another audience", "Bearer " + good.withAudience(audience.equals("billing-service") ? "prompt-service" : "billing-service").sign());
        wrong.put("another issuer", "Bearer " + good.withIssuer("someone-else").sign());
        wrong.put("expired", "Bearer " + good.issuedAgo(Duration.ofMinutes(10)).sign());
        wrong.put("signed by another key", "Bearer " + good.signedBy(ForeignKeys.PAIR).sign());
        return wrong;
    }

    /**
     * Sends the call with each of {@link #wrongCredentials} and throws an {@link AssertionError} naming the first one
     * not answered 401 {@code application/problem+json} of type {@code unauthorized}, its {@code instance} the call's path,
     * with {@code WWW-Authenticate: Bearer}.
     */
    public static void assertRefused(ServiceKeys keys, String audience, Call call) {
        Pattern instance = Pattern.compile("\"instance\"\\s*:\\s*\"" + Pattern.quote(URI.create(call.url()).getPath()) + "\"");
        for (Map.Entry<String, String> wrong : wrongCredentials(keys, audience, "ten_probe", "jobs:write jobs:read").entrySet()) {
            HttpResponse<String> response = send(call, wrong.getValue());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            if (response.statusCode() != 401 || !contentType.startsWith("application/problem+json") || !challenge.startsWith("Bearer")
                    || !UNAUTHORIZED_TYPE.matcher(response.body()).find() || !instance.matcher(response.body()).find()) {
                throw new AssertionError(call.method() + " " + call.url() + " with " + wrong.getKey() + ": expected a 401 unauthorized"
                        + " problem at its path with WWW-Authenticate: Bearer, got " + response.statusCode() + " " + contentType + " [" + challenge + "] "
                        + response.body());
            }
        }
    }

    public static HttpResponse<String> send(Call call, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url())).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (call.jsonBody() != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(call.method(), call.jsonBody() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.jsonBody()));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(call.method() + " " + call.url() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private ServiceTokenProbe() {
    }

    /**
     * One pair per JVM that no deployment trusts: generating an RSA key takes about a second with the tests' C1-only
     * JIT (BigInteger's intrinsics are C2's), and a new one per probed call proved nothing more.
     */
    private static final class ForeignKeys {
        static final ServiceKeys PAIR = ServiceKeys.generate();
    }
}
