package io.realskin.generation.provider;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Set;

/**
 * A JSON parser that hands the string values of the named fields on as binary, base64-decoded straight from the
 * answer's bytes: read into a tree they become binary nodes. A provider's image answer is megabytes of base64; as a
 * text node it would be copied twice more (the parser's chars, then a String) before being decoded.
 */
final class Base64Values extends JsonParserDelegate {
    /** Standard alphabet, padding optional (as the JDK's decoder reads it). */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    /** A value of a named field that is not base64. */
    static final class NotBase64 extends IOException {
        private final String field;

        NotBase64(String field, Throwable cause) {
            super(field + " is not base64", cause);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final Set<String> fields;
    private byte[] binary;

    Base64Values(JsonParser parser, Set<String> fields) {
        super(parser);
        this.fields = fields;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        binary = null;
        JsonToken token = delegate.nextToken();
        String field = delegate.currentName();
        if (token == JsonToken.VALUE_STRING && field != null && fields.contains(field)) {
            try {
                binary = delegate.getBinaryValue(BASE64);
            } catch (StreamReadException e) {
                throw new NotBase64(field, e);
            }
            return JsonToken.VALUE_EMBEDDED_OBJECT;
        }
        return token;
    }

    @Override
    public JsonToken currentToken() {
        return binary != null ? JsonToken.VALUE_EMBEDDED_OBJECT : delegate.currentToken();
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return currentToken();
    }

    @Override
    public int currentTokenId() {
        return binary != null ? JsonTokenId.ID_EMBEDDED_OBJECT : delegate.currentTokenId();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasToken(JsonToken token) {
        return currentToken() == token;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }

    @Override
    public Object getEmbeddedObject() throws IOException {
        return binary != null ? binary : delegate.getEmbeddedObject();
    }
}
