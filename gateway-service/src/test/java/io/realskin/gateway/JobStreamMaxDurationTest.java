package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.local.LocalStackResource;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream ends cleanly after its maximum duration (2 s here), and the client goes on with Last-Event-ID. */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class JobStreamMaxDurationTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aStreamEndsAtItsMaximumDurationAndResumes() throws Exception {
        String[] own = Api.tenantAndKey();
        String job = Api.submitTexture(own[1], Api.upload(own[1]));
        List<SseStream.Event> first;
        try (SseStream stream = SseStream.open(base, own[1], job, null)) {
            first = stream.untilEnd(); // the job does not change: only the maximum duration ends this stream
        }
        assertEquals(List.of("queued"), SseStream.names(first), "ended without a last event");
        Events.started(own[0], job);
        try (SseStream resumed = SseStream.open(base, own[1], job, first.get(0).id())) {
            assertEquals(200, resumed.status());
            SseStream.Event next = resumed.next();
            assertEquals("started", next.name());
            assertEquals("2", next.id());
        }
    }
}
