package io.realskin.generation.service;

import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.ContractViolation;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.Topics;
import io.realskin.generation.config.ProvidersConfig;
import io.realskin.generation.messaging.JobEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One generation job. The provider adapters (OpenAI, Gemini, BFL) are not part of this build yet: every request
 * ends in a FAILED event that says which provider it needed and whether its key is configured, so no job hangs.
 */
@ApplicationScoped
public class GenerationJobService {
    private final ProvidersConfig providers;
    private final JobEventPublisher events;

    public GenerationJobService(ProvidersConfig providers, JobEventPublisher events) {
        this.providers = providers;
        this.events = events;
    }

    /** @throws IllegalArgumentException for a record that breaks the contract, after its FAILED event is out */
    public void handle(String key, String value) {
        EventEnvelope request;
        try {
            request = ContractSchemas.readValid(Topics.GENERATION_REQUESTS, value, GenerationRequest.class);
        } catch (ContractViolation e) {
            String reason = "not a generation request: " + e.getMessage();
            if (key != null && !key.isBlank()) {
                fail(EventEnvelope.UNKNOWN_TENANT, key, FailureCodes.BAD_REQUEST, reason);
            }
            throw new IllegalArgumentException(reason);
        }
        GenerationRequest generation = request.payloadAs(GenerationRequest.class);
        var provider = ImageProvider.forModel(generation.model());
        if (provider.isEmpty()) {
            fail(request.tenantId(), request.jobId(), FailureCodes.BAD_REQUEST, "unknown model " + generation.model());
        } else if (!isConfigured(provider.get())) {
            fail(request.tenantId(), request.jobId(), FailureCodes.PROVIDER_NOT_CONFIGURED,
                    "model " + generation.model() + " needs the " + provider.get() + " provider, whose API key is not set");
        } else {
            fail(request.tenantId(), request.jobId(), FailureCodes.PROVIDER_NOT_CONFIGURED,
                    "this build has no adapter for the " + provider.get() + " provider yet");
        }
    }

    private boolean isConfigured(ImageProvider provider) {
        ProvidersConfig.Provider settings = switch (provider) {
            case OPENAI -> providers.openai();
            case GEMINI -> providers.gemini();
            case BFL -> providers.bfl();
        };
        return settings.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    private void fail(String tenantId, String jobId, String code, String message) {
        events.publish(EventEnvelope.of(EventTypes.FAILED, tenantId, jobId, new JobFailed(code, message)));
    }
}
