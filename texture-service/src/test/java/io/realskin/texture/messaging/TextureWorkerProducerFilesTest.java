package io.realskin.texture.messaging;

import static io.realskin.imaging.ProducerFiles.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.contracts.Topics;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.ProducerPngs;
import io.realskin.imaging.TestImages;
import io.realskin.imaging.TestPngs;
import io.realskin.imaging.TiledTiffs;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStackResource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Texture jobs on files as phones and generators write them ({@link ProducerFiles}), through Kafka and the blob store:
 * completed on the image they carry, upright; a coding the engine does not read is a FAILED event with bad_image
 * naming it; an image whose tiles, or whose result in the format asked for, are over the limits a FAILED event with
 * too_large saying so.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TextureWorkerProducerFilesTest extends KafkaWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(240);

    /** Exif orientation 6 with GPS and thumbnail, ICC, an MPF gain map and a motion photo's MP4 after the EOI. */
    @Test
    void aPhoneJpegIsRestoredUpright() throws Exception {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        byte[] file = concat(ProducerFiles.withMpf(TestImages.insertAfterSoi(photo, concat(
                        ProducerFiles.exif(6, true, TestImages.jpeg(160, 120, false, false, 0)), ProducerFiles.iccSegments(100_000))),
                TestImages.jpeg(32, 24, true, false, 0)), ProducerFiles.motionPhotoMp4(1_000_000));
        JobCompleted completed = completed(run(TextureOperation.RESTORE, file));
        assertEquals(48, completed.width());
        assertEquals(64, completed.height());
        assertEquals("image/jpeg", completed.contentType());
    }

    @Test
    void aComfyUiPngIsAnalysed() throws Exception {
        byte[] png = ProducerPngs.beforeIdat(TestPngs.image(96, 64, 8, 2, false),
                ProducerPngs.text("prompt", ProducerPngs.comfyWorkflow(300_000)),
                ProducerPngs.text("workflow", ProducerPngs.comfyWorkflow(300_000)), ProducerPngs.cabx(100_000));
        JobCompleted completed = completed(run(TextureOperation.ANALYZE, png));
        assertEquals(96, completed.width());
    }

    @Test
    void twelveBitAndArithmeticJpegsFailWithBadImageNamingTheCoding() throws Exception {
        byte[] photo = TestImages.jpeg(64, 48, false, false, 0);
        JobFailed twelve = failed(run(TextureOperation.RESTORE, ProducerFiles.withFrame(photo, 0xC1, 12)));
        assertEquals(FailureCodes.BAD_IMAGE, twelve.code());
        assertTrue(twelve.message().contains("12-bit"), twelve.message());
        JobFailed arithmetic = failed(run(TextureOperation.ANALYZE, ProducerFiles.withFrame(photo, 0xC9, 8)));
        assertEquals(FailureCodes.BAD_IMAGE, arithmetic.code());
        assertTrue(arithmetic.message().contains("arithmetic-coded"), arithmetic.message());
    }

    /** 64x64 pixels in one 8192x8192 tile: decoders decode the whole tile (67 MP), so it is refused from its header. */
    @Test
    void aSmallTiffInAHugeTileFailsTooLarge() throws Exception {
        byte[] tiff = TiledTiffs.of(64, 64, 1, TiledTiffs.asymmetric(64, 64, 1), 1, 64);
        ByteBuffer tags = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        for (int entry = 10; entry + 12 <= 10 + 12 * tags.getShort(8); entry += 12) {
            if (tags.getShort(entry) == 322 || tags.getShort(entry) == 323) tags.putShort(entry + 8, (short) 8192);
        }
        JobFailed failed = failed(run(TextureOperation.RESTORE, tiff, null));
        assertEquals(FailureCodes.TOO_LARGE, failed.code());
        assertTrue(failed.message().contains("tiles of 8192x8192"), failed.message());
    }

    /** A PNG 65,510 px wide is within 50 MP but no JPEG can hold it: asked for as JPEG, too_large, not internal. */
    @Test
    void aPngWiderThanAJpegCanBeAskedForAsJpegFailsTooLarge() throws Exception {
        JobFailed failed = failed(run(TextureOperation.RESTORE, TestPngs.image(65_510, 2, 8, 2, false), TextureRequest.JPEG));
        assertEquals(FailureCodes.TOO_LARGE, failed.code());
        assertTrue(failed.message().contains("65500"), failed.message());
    }

    private List<EventEnvelope> run(TextureOperation operation, byte[] image) throws Exception {
        return run(operation, image, null);
    }

    private List<EventEnvelope> run(TextureOperation operation, byte[] image, String outputFormat) throws Exception {
        String jobId = "job-" + UUID.randomUUID();
        blobs.put("images/t1/" + jobId, image);
        kafka.send(Topics.TEXTURE_REQUESTS, jobId, EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", jobId,
                new TextureRequest(operation, "images/t1/" + jobId, null, null, null, null, null, null, null, null, outputFormat))));
        List<KafkaProbe.Received> events = kafka.await(Topics.JOB_EVENTS, r -> jobId.equals(r.key()), found -> !found.isEmpty()
                && List.of(EventTypes.COMPLETED, EventTypes.FAILED).contains(last(found).type()), WAIT);
        assertTrue(!events.isEmpty(), "no event for " + jobId);
        return events.stream().map(r -> EventJson.readEnvelope(r.value())).toList();
    }

    private static JobCompleted completed(List<EventEnvelope> events) {
        EventEnvelope last = events.get(events.size() - 1);
        assertEquals(EventTypes.COMPLETED, last.type(), events.toString());
        return last.payloadAs(JobCompleted.class);
    }

    private static JobFailed failed(List<EventEnvelope> events) {
        EventEnvelope last = events.get(events.size() - 1);
        assertEquals(EventTypes.FAILED, last.type(), events.toString());
        return last.payloadAs(JobFailed.class);
    }

    private static EventEnvelope last(List<KafkaProbe.Received> records) {
        return EventJson.readEnvelope(records.get(records.size() - 1).value());
    }
}
