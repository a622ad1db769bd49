package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenStreamsTest {
    private final OpenStreams streams = new OpenStreams();

    @Test
    void theStartOfAShutdownEndsEveryOpenStreamOnce() {
        AtomicInteger first = new AtomicInteger(), second = new AtomicInteger();
        streams.open(first::incrementAndGet);
        streams.open(second::incrementAndGet);

        streams.onShutdownStarting(new ShutdownDelayInitiatedEvent());
        streams.onShutdownStarting(new ShutdownDelayInitiatedEvent());

        assertEquals(1, first.get());
        assertEquals(1, second.get());
    }

    @Test
    void aStreamThatHasEndedIsNotEndedAgain() {
        AtomicInteger ended = new AtomicInteger();
        Runnable forget = streams.open(ended::incrementAndGet);
        forget.run();

        streams.onShutdownStarting(new ShutdownDelayInitiatedEvent());

        assertEquals(0, ended.get());
    }

    @Test
    void aStreamOpenedWhileTheReplicaShutsDownEndsAtOnce() {
        streams.onShutdownStarting(new ShutdownDelayInitiatedEvent());
        AtomicInteger ended = new AtomicInteger();

        streams.open(ended::incrementAndGet);

        assertEquals(1, ended.get());
    }
}
