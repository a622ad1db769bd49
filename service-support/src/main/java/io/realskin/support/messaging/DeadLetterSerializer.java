package io.realskin.support.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key and value serializer of every dead-letter producer (the connector's {@code dead-letter-queue} strategy and a
 * {@link DeadLetterSender}'s channel): UTF-8, cut to what that producer may send. The broker hands a consumer a record
 * up to its own limit, but the dead letter is that record plus the reason headers: one near the limit did not fit, the
 * producer refused it (RecordTooLargeException), and the dead letter was lost and the connector's dead-letter stream
 * ended (texture.requests, job.events at the gateway, generation.requests), or the sender retried it forever and its
 * partition stopped (billing). A value that does not fit beside its headers is cut to the longest whole-character
 * prefix that does, and header {@value #CUT_HEADER} gives its length before; the whole record stays on its topic at the
 * offset the dead letter's origin header names, for the topic's retention. A key is cut to {@value #MAX_KEY_BYTES}.
 */
public class DeadLetterSerializer implements Serializer<String> {
    public static final String CUT_HEADER = "realskin-dlq-value-cut";
    /** A key longer than this is cut (a job id is at most 100 characters). */
    static final int MAX_KEY_BYTES = 1000;
    /** What a record takes besides its key, value and header bytes: batch and record framing, length varints. */
    static final int FRAMING = 512;
    private static final int PER_HEADER = 10;

    private int maxRequestSize = 1048576;
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object max = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (max != null) {
            maxRequestSize = Integer.parseInt(max.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, String data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, String data) {
        if (data == null) {
            return null;
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (isKey) {
            return prefix(bytes, MAX_KEY_BYTES);
        }
        String cutNote = String.valueOf(bytes.length);
        int budget = maxRequestSize - FRAMING - MAX_KEY_BYTES - headerBytes(headers) - (CUT_HEADER.length() + cutNote.length() + PER_HEADER);
        if (bytes.length <= budget) {
            return bytes;
        }
        if (headers != null) {
            headers.add(CUT_HEADER, cutNote.getBytes(StandardCharsets.UTF_8));
        }
        return prefix(bytes, Math.max(0, budget));
    }

    private static int headerBytes(Headers headers) {
        int total = 0;
        if (headers != null) {
            for (Header h : headers) {
                total += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length) + PER_HEADER;
            }
        }
        return total;
    }

    /** The longest whole-character UTF-8 prefix within {@code limit} bytes. */
    static byte[] prefix(byte[] bytes, int limit) {
        if (bytes.length <= limit) {
            return bytes;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(bytes, 0, limit)).toString().getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen when malformed input is ignored", e);
        }
    }
}
