package io.realskin.prompt.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.support.problem.BodyFieldsCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;

/**
 * A body of the prompt calls (enhance, lint, recommend, advice) with a field its record does not define
 * ({@code promt}, {@code Model}) is 400 invalid-request naming it, with suggestions ({@link BodyFieldsCheck}): it was
 * dropped, and the call answered as if it had not been sent. The gateway checks the same records before it forwards a
 * body; this holds for any caller. A field given as {@code null} is as absent: the gateway writes every field of the
 * record, nulls included, and during a rolling upgrade a newer gateway's record may have a field this one does not
 * (null unless its caller used it; one with a value is refused, not dropped).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER)
public class RequestBodyFields extends BodyFieldsCheck {
    public RequestBodyFields(Instance<ObjectMapper> mapper) {
        super(mapper, true);
    }
}
