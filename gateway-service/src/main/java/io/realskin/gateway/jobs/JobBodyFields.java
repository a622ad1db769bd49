package io.realskin.gateway.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.gateway.rest.JsonBodyCap;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A job body ({@code POST /v1/jobs} and its quote, every type) with a field its type does not define is 400
 * invalid-request naming each such field ({@link JobFields}), before it is read into a {@link JobSubmission}, which
 * keeps no trace of a name it does not know. Only here: the ObjectMapper is shared with the REST clients, whose reading
 * of a backend's answer must keep tolerating fields a newer backend adds. After {@link JsonBodyCap}, which bounds the
 * bytes read here.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER)
public class JobBodyFields implements ReaderInterceptor {
    /** Looked up when a body is read: the interceptor is made at static init, before the beans exist. */
    private final Instance<ObjectMapper> mapper;

    public JobBodyFields(Instance<ObjectMapper> mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() != JobSubmission.class || !JsonBodyCap.isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        JsonNode tree;
        try {
            tree = mapper.get().readTree(body);
        } catch (JsonProcessingException unreadable) {
            return context.proceed(); // the reader refuses it, naming what is wrong
        }
        List<JobFields.Undefined> undefined = JobFields.of(tree);
        if (!undefined.isEmpty()) {
            throw JobFields.refusal(JobFields.type(tree), undefined);
        }
        return context.proceed();
    }
}
