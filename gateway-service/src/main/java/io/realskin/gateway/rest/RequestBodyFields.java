package io.realskin.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.gateway.jobs.JobSubmission;
import io.realskin.support.problem.BodyFieldsCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * Every JSON body a client sends the gateway (API keys, texture profiles, webhooks, the admin routes, the prompt calls'
 * bodies, read as prompt-service's records) with a field its record does not define is 400 invalid-request naming it,
 * with suggestions ({@link BodyFieldsCheck}); a job body is checked by its type's fields instead
 * ({@code jobs/JobBodyFields}). Server only: the REST clients' reading of the backends' answers tolerates fields it does
 * not know. After {@link JsonBodyCap}, which bounds the bytes read here.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER)
public class RequestBodyFields extends BodyFieldsCheck {
    public RequestBodyFields(Instance<ObjectMapper> mapper) {
        super(mapper, false);
    }

    @Override
    protected boolean checks(Class<?> type, Type genericType) {
        return type != JobSubmission.class && super.checks(type, genericType);
    }
}
