package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.generation.resilience.ProviderGuard;
import io.realskin.generation.stub.StubServer;
import java.time.Duration;
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
}
