package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** An answer's body as read (CappedBody) and its base64 images read out of the JSON without text copies (Base64Values). */
class AnswerBodyTest {
    private static final byte[] IMAGE = new byte[100_003];

    static {
        new Random(7).nextBytes(IMAGE);
    }

    @Test
    void aBodyOfTheAnnouncedLengthIsReadIntoOneArrayWithWhenItArrived() {
        CappedBody body = new CappedBody(1 << 20, 10);
        body.onSubscribe(new NoSubscription());
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), ByteBuffer.wrap(new byte[] {5, 6})));
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {7, 8, 9, 10})));
        long before = System.nanoTime();
        body.onComplete();
        CappedBody.Body read = body.getBody().toCompletableFuture().join();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, bytes(read));
        assertTrue(read.receivedAt() >= before, "stamped when the last byte was in");
    }

    @Test
    void aBodyWithoutLengthGrowsAndOneShorterThanAnnouncedIsCut() {
        CappedBody unknown = new CappedBody(1 << 20, 0);
        unknown.onSubscribe(new NoSubscription());
        for (int i = 0; i < IMAGE.length; i += 1000) {
            unknown.onNext(List.of(ByteBuffer.wrap(IMAGE, i, Math.min(1000, IMAGE.length - i))));
        }
        unknown.onComplete();
        assertArrayEquals(IMAGE, bytes(unknown.getBody().toCompletableFuture().join()));

        CappedBody shorter = new CappedBody(1 << 20, 50);
        shorter.onSubscribe(new NoSubscription());
        shorter.onNext(List.of(ByteBuffer.wrap(new byte[] {9, 8, 7})));
        shorter.onComplete();
        assertArrayEquals(new byte[] {9, 8, 7}, bytes(shorter.getBody().toCompletableFuture().join()));
    }

    @Test
    void aBodyOverTheLimitIsCutOffAndTheExchangeCanceled() {
        NoSubscription subscription = new NoSubscription();
        CappedBody body = new CappedBody(8, 0);
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap(new byte[5])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[5])));
        assertTrue(subscription.canceled);
        CompletionException e = assertThrows(CompletionException.class, () -> body.getBody().toCompletableFuture().join());
        assertInstanceOf(CappedBody.TooLarge.class, e.getCause());
    }

    @Test
    void theNamedFieldsAreBinaryAndEverythingElseAsInAPlainTree() {
        String b64 = Base64.getEncoder().encodeToString(IMAGE);
        String json = "{\"created\":1,\"data\":[{\"b64_json\":\"" + b64.replace("/", "\\/") + "\"}],"
                + "\"usage\":{\"input_tokens\":52,\"list\":[1,2.5,true,null,\"text\"]},\"note\":\"" + b64.substring(0, 40) + "\"}";
        JsonNode tree = answer(json).requireJsonWithImages("openai", Set.of("b64_json"));
        BinaryNode image = assertInstanceOf(BinaryNode.class, tree.path("data").path(0).path("b64_json"), "escaped '/' read too");
        assertArrayEquals(IMAGE, image.binaryValue());
        assertEquals("{\"input_tokens\":52,\"list\":[1,2.5,true,null,\"text\"]}", tree.path("usage").toString());
        assertTrue(tree.path("note").isTextual(), "a field not named stays text");
        assertEquals(1, tree.path("created").asInt());
    }

    @Test
    void anImageOverFifteenMegabytesIsRead() {
        // its base64 is over Jackson's 20M-character limit for a text value, which a tree of text nodes refused
        byte[] large = new byte[16 * 1024 * 1024];
        new Random(11).nextBytes(large);
        JsonNode tree = answer("{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(large) + "\"}]}")
                .requireJsonWithImages("openai", Set.of("b64_json"));
        assertArrayEquals(large, ((BinaryNode) tree.path("data").path(0).path("b64_json")).binaryValue());
    }

    @Test
    void paddingIsOptionalAsForTheJdkDecoder() {
        byte[] two = {1, 2};
        JsonNode tree = answer("{\"data\":\"" + Base64.getEncoder().withoutPadding().encodeToString(two) + "\"}")
                .requireJsonWithImages("gemini", Set.of("data"));
        assertArrayEquals(two, ((BinaryNode) tree.path("data")).binaryValue());
    }

    @Test
    void aNamedValueThatIsNotBase64OrAnAnswerThatIsNotJsonIsRejected() {
        ProviderFailure notBase64 = assertThrows(ProviderFailure.class,
                () -> answer("{\"data\":[{\"b64_json\":\"ab$d\"}]}").requireJsonWithImages("openai", Set.of("b64_json")));
        assertEquals("provider_rejected", notBase64.code());
        assertEquals("openai: b64_json is not base64", notBase64.getMessage());
        for (String body : List.of("<html>502</html>", "[]", "{}", "{\"b64_json\":")) {
            ProviderFailure notJson = assertThrows(ProviderFailure.class,
                    () -> answer(body).requireJsonWithImages("openai", Set.of("b64_json")), body);
            assertTrue(notJson.getMessage().contains("is not a JSON object"), notJson.getMessage());
        }
    }

    private static byte[] bytes(CappedBody.Body body) {
        return Arrays.copyOf(body.buffer(), body.length());
    }

    private static ProviderAnswer answer(String json) {
        return new ProviderAnswer(200, HttpHeaders.of(Map.of(), (a, b) -> true), json.getBytes(StandardCharsets.UTF_8), 0);
    }

    /** A subscription that only records a cancel (BodyBuffersTest's bodies use it too). */
    static final class NoSubscription implements Flow.Subscription {
        boolean canceled;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            canceled = true;
        }
    }
}
