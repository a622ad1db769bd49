package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.gateway.rest.JsonBodyCap;
import io.realskin.support.problem.BodyFieldsCheck;
import io.realskin.support.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A job body ({@code POST /v1/jobs} and its quote, every type) with a field its type does not define is 400
 * invalid-request naming each such field ({@link JobFields}), before it is read into a {@link JobSubmission}, which
 * keeps no trace of a name it does not know. The other bodies are checked by their record's fields
 * ({@code rest/RequestBodyFields}); a job body by its type's. Only here: the ObjectMapper is shared with the REST
 * clients, whose reading of a backend's answer must keep tolerating fields a newer backend adds. After
 * {@link JsonBodyCap}, which bounds the bytes read here.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER)
public class JobBodyFields extends BodyFieldsCheck {
    public JobBodyFields(Instance<ObjectMapper> mapper) {
        super(mapper, false);
    }

    @Override
    protected boolean checks(Class<?> type, Type genericType) {
        return type == JobSubmission.class;
    }

    @Override
    protected ProblemException refusal(JsonNode body, Type genericType) {
        List<JobFields.Undefined> undefined = JobFields.of(body);
        return undefined.isEmpty() ? null : JobFields.refusal(JobFields.type(body), undefined);
    }
}
