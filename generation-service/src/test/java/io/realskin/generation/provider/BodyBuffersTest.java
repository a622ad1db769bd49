package io.realskin.generation.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BinaryNode;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/** Answer bodies' arrays reused (BodyBuffers): bounded, given back on every path, never while still in use. */
class BodyBuffersTest {
    private static final int LARGE = BodyBuffers.MIN_KEPT;

    @Test
    void aGivenBackArrayIsTakenAgainForABodyThatFits() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        byte[] first = buffers.take(LARGE + 10);
        assertTrue(first.length >= LARGE + 10);
        buffers.give(first);
        assertEquals(1, buffers.kept());
        assertSame(first, buffers.take(LARGE + 5), "the kept array, not a new one");
        assertEquals(0, buffers.kept());
        assertNotSame(first, buffers.take(LARGE), "taken: it is not handed out twice");
    }

    @Test
    void theSmallestKeptArrayThatFitsIsTakenAndNoneThatIsTooSmall() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        byte[] small = buffers.take(LARGE);
        byte[] large = buffers.take(4 * LARGE);
        buffers.give(large);
        buffers.give(small);
        assertSame(small, buffers.take(LARGE - 1));
        assertEquals(5 * LARGE, buffers.take(5 * LARGE).length, "none kept is large enough: a new one");
        assertSame(large, buffers.take(2 * LARGE));
    }

    @Test
    void atMostTheBoundsAreKeptAndALargerArrayTakesTheSmallestsPlace() {
        BodyBuffers buffers = new BodyBuffers(2, 6L * LARGE);
        byte[] a = buffers.take(LARGE);
        byte[] b = buffers.take(LARGE);
        byte[] c = buffers.take(LARGE);
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);
        assertEquals(2, buffers.kept(), "no more arrays than the bulkhead lets answers in");
        byte[] larger = buffers.take(3 * LARGE);
        buffers.give(larger);
        assertEquals(2, buffers.kept());
        assertEquals(4L * LARGE, buffers.keptBytes());
        assertSame(larger, buffers.take(2 * LARGE));
        buffers.give(buffers.take(7 * LARGE));
        assertEquals(1, buffers.kept(), "over the byte bound: dropped");
        assertEquals(LARGE, buffers.keptBytes());
    }

    @Test
    void smallArraysNullAndOneAlreadyKeptAreNotKept() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        buffers.give(buffers.take(8192));
        buffers.give(null);
        byte[] large = buffers.take(LARGE);
        buffers.give(large);
        buffers.give(large);
        assertEquals(1, buffers.kept());
        assertEquals(LARGE, buffers.keptBytes());
        assertThrows(IllegalArgumentException.class, () -> new BodyBuffers(-1, 0));
    }

    @Test
    void aCompleteBodyIsReadIntoAKeptArrayAndItsAnswerGivesItBackOnce() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        byte[] kept = buffers.take(2 * LARGE);
        buffers.give(kept);
        byte[] image = new byte[LARGE + 3];
        new Random(3).nextBytes(image);
        String json = "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(image) + "\"}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        CappedBody read = new CappedBody(1 << 24, body.length, buffers);
        read.onSubscribe(new AnswerBodyTest.NoSubscription());
        for (int i = 0; i < body.length; i += 16384) {
            read.onNext(List.of(ByteBuffer.wrap(body, i, Math.min(16384, body.length - i))));
        }
        read.onComplete();
        CappedBody.Body done = read.getBody().toCompletableFuture().join();
        assertSame(kept, done.buffer(), "read into the kept array");
        assertEquals(0, buffers.kept());

        ProviderAnswer answer = new ProviderAnswer(200, HttpHeaders.of(Map.of(), (x, y) -> true), done.buffer(),
                done.length(), done.receivedAt(), done.buffers());
        BinaryNode decoded = (BinaryNode) answer.requireJsonWithImages("openai", Set.of("b64_json")).path("data").path(0).path("b64_json");
        assertArrayEquals(image, decoded.binaryValue(), "only the body's bytes, not the rest of the longer array");
        assertEquals(json, answer.text());
        answer.close();
        answer.close();
        assertEquals(1, buffers.kept(), "given back once");
        assertThrows(IllegalStateException.class, answer::text, "nothing of a closed answer is read");
    }

    @Test
    void aGrowingBodyGivesItsOutgrownArraysBack() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        CappedBody read = new CappedBody(1 << 24, 0, buffers);
        read.onSubscribe(new AnswerBodyTest.NoSubscription());
        byte[] chunk = new byte[LARGE / 2];
        Arrays.fill(chunk, (byte) 5);
        for (int i = 0; i < 5; i++) {
            read.onNext(List.of(ByteBuffer.wrap(chunk)));
        }
        assertTrue(buffers.kept() >= 1, "the outgrown arrays of at least the kept size came back");
        read.onComplete();
        CappedBody.Body done = read.getBody().toCompletableFuture().join();
        assertEquals(5 * chunk.length, done.length());
        for (int i = 0; i < done.length(); i++) {
            assertEquals(5, done.buffer()[i]);
        }
    }

    @Test
    void aFailedOrCutOffBodyGivesItsArrayBackAndTakesNothingAfter() {
        BodyBuffers buffers = new BodyBuffers(8, 64L << 20);
        CappedBody failed = new CappedBody(1 << 24, LARGE, buffers);
        failed.onSubscribe(new AnswerBodyTest.NoSubscription());
        failed.onNext(List.of(ByteBuffer.wrap(new byte[100])));
        failed.onError(new IOException("connection reset"));
        assertEquals(1, buffers.kept(), "given back when the exchange failed");
        CompletionException e = assertThrows(CompletionException.class, () -> failed.getBody().toCompletableFuture().join());
        assertInstanceOf(IOException.class, e.getCause());

        byte[] kept = buffers.take(LARGE);
        buffers.give(kept);
        AnswerBodyTest.NoSubscription subscription = new AnswerBodyTest.NoSubscription();
        CappedBody tooLarge = new CappedBody(LARGE, LARGE, buffers);
        tooLarge.onSubscribe(subscription);
        tooLarge.onNext(List.of(ByteBuffer.wrap(new byte[LARGE])));
        tooLarge.onNext(List.of(ByteBuffer.wrap(new byte[1])));
        assertTrue(subscription.canceled);
        assertEquals(1, buffers.kept(), "given back when cut off");
        byte[] reused = buffers.take(LARGE);
        assertSame(kept, reused);
        Arrays.fill(reused, (byte) 1);
        tooLarge.onNext(List.of(ByteBuffer.wrap(new byte[10]))); // late bytes after the cancel
        tooLarge.onComplete();
        assertEquals(1, reused[0], "nothing written into an array given back");
        assertInstanceOf(CappedBody.TooLarge.class,
                assertThrows(CompletionException.class, () -> tooLarge.getBody().toCompletableFuture().join()).getCause());
    }
}
