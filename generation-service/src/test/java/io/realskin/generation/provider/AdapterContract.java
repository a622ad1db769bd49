package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.FailureCodes;

import io.realskin.generation.resilience.ProviderGuard;
import io.realskin.generation.stub.StubServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * A provider adapter's contract test: the adapter against its stub, through the guard (retries, breaker, bulkhead),
 * with a pauser that records the waits asked for, a journal and the stages reported.
 */
public abstract class AdapterContract {
    protected ContractCalls.RecordingPauser pauser;
    protected ContractCalls.MemoryJournal journal;
    protected ContractCalls.Stages stages;
    protected ProviderSettings settings;

    protected abstract StubServer stub();

    /** Settings pointing at the stub with the key it expects. */
    protected abstract ProviderSettings stubSettings();

    protected abstract ImageProvider adapter(ProviderHttp http);

    @BeforeEach
    void resetContract() {
        stub().reset();
        pauser = new ContractCalls.RecordingPauser();
        journal = new ContractCalls.MemoryJournal();
        stages = new ContractCalls.Stages();
        settings = stubSettings();
    }

    protected ProviderImage call(ProviderCall call) {
        return call(call, Duration.ofSeconds(30));
    }

    protected ProviderImage call(ProviderCall call, Duration budget) {
        CallContext context = ContractCalls.context(budget, journal, stages);
        ImageProvider adapter = adapter(new ProviderHttp(settings));
        return new ProviderGuard(settings, pauser).call(() -> adapter.create(call, context), () -> adapter.leastTimeToStart(context),
                context, ProviderGuard.RetryListener.NONE);
    }

    protected ProviderFailure failure(ProviderCall call) {
        return assertThrows(ProviderFailure.class, () -> call(call));
    }

    /**
     * A broken or hostile provider at {@code pathPart}: a 200 that is an HTML page, a 200 whose JSON is cut short, a
     * redirect to another host. (A body over the answer cap is cut off: AnswerBodyTest, and BFL's 1 MiB cap in its contract
     * test; 48 MiB bodies here would crowd the test JVM's heap.) Each fails the call {@code provider_rejected} after one request, the redirect never
     * followed (its target is this stub under another name, so a followed redirect would show), and no message holds
     * the key.
     */
    protected void assertHostileAnswersAreRejected(String pathPart, ProviderCall call) {
        String elsewhere = stub().url().replace("127.0.0.1", "localhost") + "/redirected/steal";
        List<StubServer.Responder> hostile = List.of(
                r -> StubServer.Answer.bytes(200, "text/html; charset=utf-8",
                        "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8)),
                r -> StubServer.Answer.json(200, "{\"created\":1733400000,\"data\":[{\"b64_json\":\"iVBORw0KGgo"),
                r -> StubServer.Answer.bytes(302, "text/html", "<a href=\"elsewhere\">Found</a>".getBytes(StandardCharsets.UTF_8))
                        .withHeader("Location", elsewhere));
        for (StubServer.Responder answer : hostile) {
            stub().reset();
            journal = new ContractCalls.MemoryJournal();
            stub().script(pathPart, answer);
            ProviderFailure f = failure(call);
            assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), f.getMessage());
            assertEquals(1, stub().requests(pathPart).size(), "not retried: " + f.getMessage());
            assertTrue(stub().requests("/redirected/").isEmpty(), "a redirect is never followed");
            assertFalse(f.getMessage().contains(settings.apiKey()), f.getMessage());
        }
    }

    /** A CDN's 502 page in front of an API, as such pages come: a comment, a head with its title, scripts, markup. */
    private static final String BAD_GATEWAY_PAGE = """
            <!DOCTYPE html>
            <!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
            <html class="no-js" lang="en-US"><head>
            <title>api.example.com |
              502: Bad gateway</title>
            <meta charset="UTF-8" /><script>(function(){window._cf_chl_opt={cRay:'8f0c2a1b3c4d5e6f'};})();</script>
            </head><body><div id="cf-error-details"><h1>Bad gateway</h1><span>Error code 502</span>
            <p>The web server reported a bad gateway error.</p></div></body></html>
            """;

    /**
     * A server error whose body is an HTML page (a CDN's or proxy's 502 in front of the provider's API): retried as its
     * status says, and told in the FAILED message by the page's title, never its markup (a FAILED message is shown to
     * the tenant).
     */
    protected void assertAnHtmlServerErrorIsRetriedAndToldByItsTitle(String pathPart, ProviderCall call) {
        stub().always(pathPart, r -> StubServer.Answer.bytes(502, "text/html; charset=UTF-8",
                BAD_GATEWAY_PAGE.getBytes(StandardCharsets.UTF_8)));
        ProviderFailure f = failure(call);
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), f.getMessage());
        assertEquals(settings.maxAttempts(), stub().requests(pathPart).size(), "a 502 is retried: " + f.getMessage());
        assertTrue(f.getMessage().contains("HTTP 502") && f.getMessage().contains("an HTML page titled 'api.example.com | 502: Bad gateway'"),
                f.getMessage());
        assertFalse(f.getMessage().contains("<") || f.getMessage().contains("script"), f.getMessage());
    }
}
