package io.realskin.texture.rest;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemMappers;
import io.realskin.support.problem.ProblemType;
import io.realskin.support.problem.ProblemTypes;
import io.realskin.texture.service.BusySlots;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The mappers of texture-service's own exceptions (its problem type is {@link ProblemTypes#BUSY}); everything else is
 * service-support's {@link ProblemMappers}.
 */
public class TextureProblems {
    @ServerExceptionMapper
    public Response rejected(ImageRejectedException e, UriInfo uri) {
        ProblemType type = ImageRejectedException.TOO_LARGE.equals(e.code()) ? ProblemTypes.IMAGE_TOO_LARGE : ProblemTypes.UNSUPPORTED_IMAGE;
        return ProblemMappers.respond(Problem.of(type, e.getMessage()), Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response busy(BusySlots.BusyException e, UriInfo uri) {
        return ProblemMappers.respond(Problem.of(ProblemTypes.BUSY, e.getMessage() + "; retry in a moment"), Map.of("Retry-After", "1"), uri);
    }
}
