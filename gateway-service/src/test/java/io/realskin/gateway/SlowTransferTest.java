package io.realskin.gateway;

import static io.realskin.gateway.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.local.LocalStackResource;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A body that moves too slowly loses its place in the body budget: an upload trickled a few bytes at a time (which the
 * server's idle timeout never sees) is answered 408 and its connection closed; an image's content read too slowly is
 * cut. Under {@link ShortLimits}: a 6 s grace and 4 MiB/s, so that the cut comes within seconds while a body sent at
 * once still goes through on a machine busy with other builds (a 2 s grace once cut a small upload there).
 */
@QuarkusTest
@TestProfile(ShortLimits.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(StubBackends.class)
class SlowTransferTest {
    @Inject
    BodyBudget bodies;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL base;

    @Test
    void anUploadTrickledSlowerThanTheMinimumRateIsAnswered408AndGivesItsBytesBack() throws Exception {
        String[] caller = Api.tenantAndKey();
        double cutBefore = cut("request");
        try (Socket upload = RawHttp.sendHead(base, "POST /v1/images HTTP/1.1", "Authorization: Bearer " + caller[1],
                "Content-Type: image/png", "Content-Length: " + 1024 * 1024)) {
            Thread trickle = new Thread(() -> trickle(upload), "trickle");
            trickle.start();
            String answer = RawHttp.readOneResponse(upload.getInputStream());
            trickle.interrupt();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"type\":\"https://realskin.io/problems/request-timeout\""), answer);
            assertTrue(answer.contains("\"instance\":\"/v1/images\""), answer);
            assertEquals(-1, upload.getInputStream().read(), "the connection is closed after the answer");
        }
        awaitTrue(() -> bodies.inFlightBytes() == 0, "the upload's bytes given back");
        assertEquals(cutBefore + 1, cut("request"));
        Api.upload(caller[1]); // an upload sent at once goes through
    }

    @Test
    void anImageReadSlowerThanTheMinimumRateIsCutAndGivesItsBytesBack() throws Exception {
        String[] caller = Api.tenantAndKey();
        byte[] noise = noisePng(2400, 1800); // about 13 MB: more than the kernel's socket buffers hold between the two ends
        String image = as(caller[1]).contentType("image/png").body(noise).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        double cutBefore = cut("answer");
        double inFlightBefore = inFlight();
        try (Socket download = new Socket()) {
            download.setReceiveBufferSize(4096);
            download.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            download.setSoTimeout(60_000);
            String request = "GET /v1/images/" + image + "/content HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                    + caller[1] + "\r\n\r\n";
            download.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            awaitTrue(() -> bodies.inFlightBytes() >= noise.length, "the content's bytes taken");
            awaitTrue(() -> cut("answer") == cutBefore + 1, "the slow download cut"); // nothing read meanwhile
            assertTrue(drain(download.getInputStream()) < noise.length, "the content was not sent whole");
        }
        awaitTrue(() -> bodies.inFlightBytes() == 0, "the content's bytes given back");
        // the cut exchange has ended: it was counted in flight for good, and a shutdown waited its whole timeout for it
        awaitTrue(() -> inFlight() == inFlightBefore, "the cut download no longer counted in flight");
        as(caller[1]).get("/v1/images/" + image + "/content").then().statusCode(200); // read at once, it is sent whole
    }

    /**
     * A job answered after a wait past the transfer grace was cut as 408 "the body had not arrived" though it had, and its
     * job was queued all the same: a client told to send it again made a second one. Here, under the profile's 6 s
     * grace, so that the wait past it is seconds rather than the 30 s of the default grace.
     */
    @Test
    void aWaitPastTheTransferGraceIsAnsweredNotCutAs408() throws IOException {
        String key = Api.tenantAndKey()[1];
        byte[] body = ("{\"type\":\"analyze\",\"imageId\":\"" + Api.upload(key) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = RawHttp.sendHead(base, "POST /v1/jobs HTTP/1.1", "Authorization: Bearer " + key, "Prefer: wait=9",
                "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close")) {
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = RawHttp.readOneResponse(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("preference-applied: wait=9"), answer);
        }
    }

    private double inFlight() {
        return registry.get("realskin.http.server.requests.in.flight").gauge().value();
    }

    private double cut(String body) {
        return registry.get("realskin.gateway.bodies.timed.out").tag("body", body).counter().count();
    }

    /** Ten bytes every 200 ms, so the connection is never idle, until the server closes it. */
    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            while (!Thread.currentThread().isInterrupted()) {
                out.write(new byte[10]);
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            // closed by the server, or the test has its answer
        }
    }

    /** Bytes read until the server ends the connection (a reset counts as its end). */
    private static long drain(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (IOException reset) {
            // the connection was reset
        }
        return total;
    }

    private static byte[] noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(17);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
