package io.realskin.billing.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.support.problem.BodyFieldsCheck;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;

/**
 * A body of billing's calls (holds, quotes, grants, purchases, adjustments, refunds, charge-backs, plans, referrers)
 * with a field its record does not define ({@code reasn}, a quote's {@code megapixles}) is 400 invalid-request naming
 * it, with suggestions ({@link BodyFieldsCheck}): until 2026-12-07 it was dropped and its default used (a hold whose
 * quote misspelt {@code megapixels} was priced and held at 1 MP). A field given as {@code null} is as absent: the
 * gateway writes every field of the record, nulls included, and during a rolling upgrade a newer gateway's record may
 * have a field this one does not (null unless its caller used it; one with a value is refused, not dropped).
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(Priorities.USER)
public class RequestBodyFields extends BodyFieldsCheck {
    public RequestBodyFields(Instance<ObjectMapper> mapper) {
        super(mapper, true);
    }
}
