package io.realskin.generation.provider;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * A JSON parser that hands the string values of the named fields on as binary, base64-decoded straight from the
 * answer's bytes (by the JDK's decoder where the value is plain base64, else by the parser): read into a tree they
 * become binary nodes. A provider's image answer is megabytes of base64; as a
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
    /** The bytes the parser reads (the first {@code length}), when known: where a value's base64 is decoded from directly. */
    private final byte[] body;
    private final int length;
    private byte[] binary;

    Base64Values(JsonParser parser, Set<String> fields) {
        this(parser, fields, null, 0);
    }

    /**
     * Over a parser of the first {@code length} bytes of {@code body} (from its first byte), so a plain base64 value
     * is decoded from it directly.
     */
    Base64Values(JsonParser parser, Set<String> fields, byte[] body, int length) {
        super(parser);
        this.fields = fields;
        this.body = body;
        this.length = length;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        binary = null;
        JsonToken token = delegate.nextToken();
        String field = delegate.currentName();
        if (token == JsonToken.VALUE_STRING && field != null && fields.contains(field)) {
            binary = plain(delegate.currentTokenLocation().getByteOffset());
            if (binary == null) {
                try {
                    binary = delegate.getBinaryValue(BASE64);
                } catch (StreamReadException e) {
                    throw new NotBase64(field, e);
                }
            }
            return JsonToken.VALUE_EMBEDDED_OBJECT;
        }
        return token;
    }

    /**
     * The common case, decoded by the JDK's decoder straight from the answer's bytes (half the CPU of the parser's
     * decode at the local run's C1 level, and one array of the image's exact size instead of a builder's growing
     * chunks and their final copy): the string at {@code quote} (its opening quote's offset in the answer) holds
     * nothing but standard base64. Null for anything else (an escape, whitespace, a character outside the alphabet,
     * a parser not reading our bytes): the parser then decodes it, or rejects it, as before. The parser skips the
     * string itself on its next token.
     */
    private byte[] plain(long quote) {
        if (body == null || quote < 0 || quote >= length || body[(int) quote] != '"') {
            return null;
        }
        int start = (int) quote + 1;
        int end = start;
        while (end < length && body[end] != '"' && body[end] != '\\') {
            end++;
        }
        if (end >= length || body[end] != '"') {
            return null;
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
            byte[] bytes = decoded.array();
            return decoded.arrayOffset() == 0 && decoded.remaining() == bytes.length ? bytes
                    : Arrays.copyOfRange(bytes, decoded.arrayOffset() + decoded.position(), decoded.arrayOffset() + decoded.limit());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
