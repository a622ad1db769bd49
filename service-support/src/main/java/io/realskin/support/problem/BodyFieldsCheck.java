package io.realskin.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;

/**
 * A JSON request body with a field its type does not define ({@link BodyFields}) is 400 invalid-request naming each
 * such field ({@link UndefinedFields}), before it is read into its type, which keeps no trace of a name it does not
 * know. A service registers it for its own server with a subclass marked {@code @Provider},
 * {@code @ConstrainedTo(RuntimeType.SERVER)}: the ObjectMapper is shared with the REST clients, whose reading of a
 * backend's answer must keep tolerating fields a newer backend adds (a rolling upgrade), and a REST client finds every
 * {@code @Provider}. A body that is no JSON goes on to the reader, which refuses it naming what is wrong.
 */
public class BodyFieldsCheck implements ReaderInterceptor {
    /** Looked up when a body is read: the interceptor is made at static init, before the beans exist. */
    private final Instance<ObjectMapper> mapper;
    private final boolean nullIsAbsent;

    /**
     * {@code nullIsAbsent}: a field given as {@code null} is as absent, defined or not (for a service whose caller writes
     * every field of its record, nulls included, and may be newer: a field added since is null unless it is used).
     */
    protected BodyFieldsCheck(Instance<ObjectMapper> mapper, boolean nullIsAbsent) {
        this.mapper = mapper;
        this.nullIsAbsent = nullIsAbsent;
    }

    /** Whether a body of this type is read as JSON. */
    public static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
    }

    /** Whether bodies read as {@code type} are checked here: those whose fields {@link BodyFields} knows. */
    protected boolean checks(Class<?> type, Type genericType) {
        return BodyFields.of(genericType).isPresent();
    }

    /** The refusal of {@code body}, read as {@code genericType}, for the fields it gives that the type does not define; null when there are none. */
    protected ProblemException refusal(JsonNode body, Type genericType) {
        List<UndefinedFields.Undefined> undefined = UndefinedFields.of("", body, BodyFields.of(genericType).orElseThrow(), nullIsAbsent);
        return undefined.isEmpty() ? null : UndefinedFields.refusal(undefined);
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Type genericType = context.getGenericType() != null ? context.getGenericType() : context.getType();
        if (!isJson(context.getMediaType()) || !checks(context.getType(), genericType)) {
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
        ProblemException refused = refusal(tree, genericType);
        if (refused != null) {
            throw refused;
        }
        return context.proceed();
    }
}
