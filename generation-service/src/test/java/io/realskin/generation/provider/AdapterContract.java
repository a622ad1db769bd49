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
        return new ProviderGuard(settings, pauser).call(() -> adapter.create(call, context), context, ProviderGuard.RetryListener.NONE);
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
}
