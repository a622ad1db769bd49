package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.realskin.contracts.ContractSchemas;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobProgress;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.generation.imaging.InpaintImages;
import io.realskin.generation.provider.TaskJournal;
import io.realskin.generation.stub.BflStub;
import io.realskin.generation.stub.FormData;
import io.realskin.generation.stub.GeminiStub;
import io.realskin.generation.stub.OpenAiStub;
import io.realskin.generation.stub.ProviderStubs;
import io.realskin.generation.stub.ProviderStubsResource;
import io.realskin.generation.stub.StubImages;
import io.realskin.generation.stub.StubServer;
import io.realskin.imaging.ProducerFiles;
import io.realskin.imaging.TestImages;
import io.realskin.local.CancelProbe;
import io.realskin.local.KafkaProbe;
import io.realskin.local.LocalStack;
import io.realskin.local.LocalStackResource;
import io.realskin.support.messaging.BlobStoreWait;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * generation-service as deployed against the three providers stubbed on loopback: requests on generation.requests,
 * events on job.events (each checked against its schema), blobs in the store. Fallback: Nano Banana Pro to GPT Image 2.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(value = ProviderStubsResource.class, restrictToAnnotatedClass = true)
class GenerationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TENANT = "t-flow";
    private static final ProviderStubs STUBS = ProviderStubs.shared();
    private static final List<String> LOGS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            LOGS.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    BlobStore blobs;

    @Inject
    InputMemory memory;

    private static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CAPTURE);
        kafka.close();
    }

    @BeforeEach
    void resetStubs() {
        STUBS.reset();
    }

    private static String send(GenerationRequest request) {
        String job = "job-" + UUID.randomUUID();
        send(job, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, TENANT, job, request)));
        return job;
    }

    private static void send(String job, String value) {
        kafka.send(Topics.GENERATION_REQUESTS, job, value);
    }

    /** The job's events up to its terminal one (or {@code count} terminal ones), each checked against the schema. */
    private static List<EventEnvelope> events(String job, int terminals) {
        List<KafkaProbe.Received> received = kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key()),
                found -> found.stream().filter(r -> r.value().contains("\"COMPLETED\"") || r.value().contains("\"FAILED\"")).count()
                        >= terminals, WAIT);
        for (KafkaProbe.Received r : received) {
            assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, r.value()), r.value());
        }
        return received.stream().map(r -> EventJson.readEnvelope(r.value())).toList();
    }

    private static EventEnvelope terminal(List<EventEnvelope> events) {
        return events.stream().filter(e -> EventTypes.TERMINAL_JOB_EVENTS.contains(e.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no terminal event in " + events));
    }

    private static JobCompleted completed(List<EventEnvelope> events) {
        EventEnvelope end = terminal(events);
        assertEquals(EventTypes.COMPLETED, end.type(), () -> end.payload().toString());
        return end.payloadAs(JobCompleted.class);
    }

    private static JobFailed failed(List<EventEnvelope> events) {
        EventEnvelope end = terminal(events);
        assertEquals(EventTypes.FAILED, end.type(), () -> end.payload().toString());
        return end.payloadAs(JobFailed.class);
    }

    private String put(byte[] bytes) throws Exception {
        String key = "images/" + TENANT + "/" + BlobKeys.sha256Hex(bytes);
        blobs.put(key, bytes);
        return key;
    }

    /** As the gateway plans it: with references, the consent it saw. */
    private static GenerationRequest generate(String model, List<GenerationRequest.ReferenceImage> refs) {
        return generate(model, refs, refs.isEmpty() ? null : Boolean.TRUE);
    }

    private static GenerationRequest generate(String model, List<GenerationRequest.ReferenceImage> refs, Boolean consent) {
        return new GenerationRequest("Portrait of a 35-year-old woman by a window, unretouched, visible pores", null, model, refs,
                null, null, 1024, 1024, null, null, consent);
    }

    /**
     * The worker checks the consent to use reference images too (docs/security.md, "Consent"): a record whose references
     * come with {@code consent: false} fails {@code consent_required} before any of them is read or a provider asked; one
     * without the field (a gateway of before it, during a rolling deploy) is worked while the field is not required.
     */
    @Test
    void aReferenceJobWithoutConsentFailsUnreadAndOneFromAnOlderGatewayIsWorked() throws Exception {
        int calls = STUBS.openai.requests().size();
        String reference = put(StubImages.synthetic(300, 400, "jpg"));
        String refused = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(reference, 0.5)), false));
        JobFailed failed = failed(events(refused, 1));
        assertEquals(FailureCodes.CONSENT_REQUIRED, failed.code(), failed.message());
        assertTrue(failed.message().contains("consent"), failed.message());
        assertEquals(calls, STUBS.openai.requests().size(), "no provider was asked");

        String older = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(reference, 0.5)), null));
        completed(events(older, 1));
        assertEquals(calls + 1, STUBS.openai.requests().size());
    }

    @Test
    void aGenerateJobCompletesWithItsRealUsageAndARedeliveryReEmitsIt() throws Exception {
        String job = send(generate("nano-banana-pro", List.of()));
        List<EventEnvelope> events = events(job, 1);
        assertEquals(EventTypes.STARTED, events.get(0).type());
        assertTrue(events.stream().anyMatch(e -> e.type().equals(EventTypes.PROGRESS)
                && e.payloadAs(JobProgress.class).stage().equals("submitted")), events.toString());
        JobCompleted done = completed(events);
        assertEquals(JobTypes.GENERATE, done.usage().operation());
        assertEquals("nano-banana-pro", done.usage().model());
        assertEquals(ImageModels.GOOGLE, done.usage().provider());
        assertFalse(done.usage().providerRequestId().isBlank());
        assertEquals(1024 * 1024 / 1e6, done.usage().megapixels(), 1e-9, "megapixels of the real output");
        assertEquals("image/png", done.contentType());
        byte[] result = blobs.get(done.resultKey()).orElseThrow();
        assertArrayEquals(new int[] {done.width(), done.height()}, StubImages.size(result));
        assertEquals(1, STUBS.gemini.requests().size());

        String value = EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, TENANT, job,
                generate("nano-banana-pro", List.of())));
        send(job, value);
        List<EventEnvelope> again = events(job, 2);
        List<EventEnvelope> terminals = again.stream().filter(e -> e.type().equals(EventTypes.COMPLETED)).toList();
        assertEquals(2, terminals.size());
        assertEquals(terminals.get(0).eventId(), terminals.get(1).eventId(), "the stored COMPLETED, same eventId");
        assertEquals(1, STUBS.gemini.requests().size(), "the provider was not asked (or paid) twice");
    }

    @Test
    void referencesGoToOpenAiAsImageArray() throws Exception {
        byte[] a = StubImages.synthetic(300, 400, "jpg");
        byte[] b = StubImages.synthetic(320, 320, "png");
        String job = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(put(a), 0.6),
                new GenerationRequest.ReferenceImage(put(b), 0.4))));
        JobCompleted done = completed(events(job, 1));
        assertEquals(ImageModels.OPENAI, done.usage().provider());
        List<FormData.Part> form = STUBS.openai.requests("/images/edits").get(0).form();
        List<FormData.Part> images = form.stream().filter(p -> p.name().equals("image[]")).toList();
        assertArrayEquals(a, images.get(0).bytes());
        assertArrayEquals(b, images.get(1).bytes());
        assertTrue(form.stream().anyMatch(p -> p.name().equals("prompt") && p.text().contains("not the identity")));
        assertTrue(form.stream().anyMatch(p -> p.name().equals("output_format") && p.text().equals("jpeg")), "the default format");
        assertEquals("image/jpeg", done.contentType());
        assertTrue(blobs.get(done.resultKey()).orElseThrow().length > 0);
    }

    /**
     * References leave for the provider without what would tell it where, when and by whom they were taken (a phone's
     * EXIF with GPS, XMP naming the author, the motion-photo video after the image), their coding byte for byte; a TIFF,
     * which no provider takes, as a PNG.
     */
    @Test
    void referencesLeaveWithoutTheirPrivateMetadataAndATiffAsPng() throws Exception {
        byte[] plain = StubImages.synthetic(300, 400, "jpg");
        byte[] phone = ProducerFiles.concat(ProducerFiles.insertAfterAppSegments(plain, ProducerFiles.concat(
                ProducerFiles.exif(1, false, new byte[0]), ProducerFiles.xmp("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"Jane Doe\""))),
                ProducerFiles.motionPhotoMp4(50_000));
        java.io.ByteArrayOutputStream tiff = new java.io.ByteArrayOutputStream();
        assertTrue(javax.imageio.ImageIO.write(TestImages.gradient(64, 48, false), "tiff", tiff));
        String job = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(put(phone), 0.5),
                new GenerationRequest.ReferenceImage(put(tiff.toByteArray()), 0.5))));
        completed(events(job, 1));
        List<FormData.Part> images = STUBS.openai.requests("/images/edits").get(0).form().stream()
                .filter(p -> p.name().equals("image[]")).toList();
        assertArrayEquals(plain, images.get(0).bytes(), "the photo as the camera coded it, nothing else");
        assertArrayEquals(new int[] {64, 48}, StubImages.size(images.get(1).bytes()));
        assertEquals("image/png", images.get(1).contentType());
    }

    /**
     * BFL bills a reference by its megapixels ({@code input_mp} in its submit's answer): one over 4 MP goes to it resized
     * to at most 4,000,000 pixels, upright, aspect kept, a JPEG as a JPEG; one under goes as stored (without its
     * metadata). OpenAI, which prices no input by its pixels here, gets the stored size. Before, a 12 MP phone photo
     * went to BFL whole and was billed as 12 MP of input.
     */
    @Test
    void aReferenceOverFourMegapixelsGoesToBflResizedAndToOthersAsStored() throws Exception {
        byte[] large = StubImages.synthetic(4000, 3000, "jpg");
        byte[] small = StubImages.synthetic(1200, 900, "jpg");
        String job = send(generate("flux-2-pro", List.of(new GenerationRequest.ReferenceImage(put(large), 0.5),
                new GenerationRequest.ReferenceImage(put(small), 0.5))));
        completed(events(job, 1));
        com.fasterxml.jackson.databind.JsonNode sent = STUBS.bfl.requests("/v1/flux-2-pro").get(0).json();
        byte[] first = java.util.Base64.getDecoder().decode(sent.get("input_image").asText());
        int[] size = StubImages.size(first);
        assertTrue((long) size[0] * size[1] <= 4_000_000 && (long) size[0] * size[1] > 3_990_000, Arrays.toString(size));
        assertEquals(4.0 / 3, (double) size[0] / size[1], 0.002, "aspect kept: " + Arrays.toString(size));
        assertEquals(0xFF, first[0] & 0xFF, "a JPEG stays a JPEG");
        assertArrayEquals(small, java.util.Base64.getDecoder().decode(sent.get("input_image_2").asText()), "under 4 MP: as stored");
        assertTrue(STUBS.bfl.inputMegapixels().get(0) <= 4.0 + 1.08 + 0.01, "billed input: " + STUBS.bfl.inputMegapixels());

        String other = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(put(large), 0.5))));
        completed(events(other, 1));
        List<StubServer.Request> edits = STUBS.openai.requests("/images/edits");
        byte[] toOpenAi = edits.get(edits.size() - 1).form().stream().filter(p -> p.name().equals("image")).findFirst().orElseThrow().bytes();
        assertArrayEquals(new int[] {4000, 3000}, StubImages.size(toOpenAi));
    }

    /**
     * A record dated in the future (a forged or broken producer's clock) would never grow older than
     * {@code max-request-age}, so it would be worked whenever it came, long after its credit hold expired; dated centuries
     * ahead, its wait for input memory overflowed and the job failed {@code internal}. It is refused
     * {@code bad_request} and dead-lettered before any input is read or provider asked, and the records after it are
     * worked.
     */
    @Test
    void aRequestDatedInTheFutureIsRefusedUnworkedAndTheNextRecordIsWorked() throws Exception {
        String reference = put(StubImages.synthetic(300, 400, "jpg"));
        List<String> jobs = new java.util.ArrayList<>();
        for (Instant when : List.of(Instant.now().plus(Duration.ofDays(1)), Instant.parse("9999-01-01T00:00:00Z"))) {
            for (List<GenerationRequest.ReferenceImage> refs : List.of(List.<GenerationRequest.ReferenceImage>of(),
                    List.of(new GenerationRequest.ReferenceImage(reference, 0.5)))) {
                String job = "job-" + UUID.randomUUID();
                send(job, EventJson.write(new EventEnvelope(UUID.randomUUID(), EventTypes.GENERATION_REQUESTED, when, TENANT, job,
                        EventJson.MAPPER.valueToTree(generate("gpt-image-2", refs)))));
                jobs.add(job);
            }
        }
        String after = send(generate("gpt-image-2", List.of()));
        for (String job : jobs) {
            JobFailed failed = failed(events(job, 1));
            assertEquals(FailureCodes.BAD_REQUEST, failed.code(), failed.message());
            assertTrue(failed.message().contains("occurredAt"), failed.message());
        }
        completed(events(after, 1));
        assertEquals(1, STUBS.openai.requests().size(), "only the record after them reached the provider");
        for (String job : jobs) {
            assertFalse(kafka.await(Topics.dlq(Topics.GENERATION_REQUESTS), r -> job.equals(r.key()), found -> !found.isEmpty(), WAIT)
                    .isEmpty(), "dead-lettered: " + job);
        }
    }

    @Test
    void aPngAskedForIsAskedOfTheProviderAndStoredAsPng() throws Exception {
        GenerationRequest asked = generate("gpt-image-2", List.of());
        String job = send(new GenerationRequest(asked.prompt(), null, asked.model(), List.of(), null, null, 1024, 1024, null,
                GenerationRequest.PNG, null));
        JobCompleted done = completed(events(job, 1));
        List<StubServer.Request> calls = STUBS.openai.requests("/images/generations");
        assertEquals("png", calls.get(calls.size() - 1).json().path("output_format").asText());
        assertEquals("image/png", done.contentType());
        assertTrue(done.resultKey().endsWith(".png"), done.resultKey());
        assertArrayEquals(new int[] {1024, 1024}, StubImages.size(blobs.get(done.resultKey()).orElseThrow()));
    }

    @Test
    void anInpaintIsCompositedIntoTheOriginalInsideTheMaskOnly() throws Exception {
        int w = 400;
        int h = 300;
        byte[] original = StubImages.synthetic(w, h, "png");
        BufferedImage maskImage = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = maskImage.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(120, 90, 160, 120);
        g.dispose();
        byte[] mask = StubImages.encode(maskImage, "png");
        AtomicInteger decodedDuringTheCall = new AtomicInteger(-1);
        STUBS.openai.script("/images/edits", r -> {
            decodedDuringTheCall.set(InpaintImages.live()); // the worker is inside its provider call now
            byte[] sent = r.form().stream().filter(p -> p.name().equals("image")).findFirst().orElseThrow().bytes();
            return OpenAiStub.answer(StubImages.resizedAndShifted(sent, w + 8, h + 8, 25, -15, 10, "png"), (w + 8) + "x" + (h + 8), "png");
        });
        String job = send(new GenerationRequest("natural skin texture, visible pores", null, "gpt-image-2", null, put(original),
                put(mask), w, h, null));
        List<EventEnvelope> events = events(job, 1);
        JobCompleted done = completed(events);
        assertEquals(JobTypes.SKIN_INPAINT, done.usage().operation());
        assertEquals("image/png", done.contentType());
        assertEquals(w, done.width());
        assertTrue(events.stream().anyMatch(e -> e.type().equals(EventTypes.PROGRESS)
                && e.payloadAs(JobProgress.class).stage().equals("compositing")));
        double fraction = done.usage().maskedFraction();
        assertTrue(fraction > 0.1 && fraction < 0.2, "masked fraction " + fraction);
        assertEquals(0, decodedDuringTheCall.get(), "no decoded image or mask was held while the provider worked");
        assertEquals(0, InpaintImages.live(), "the composite's decode was freed too");

        BufferedImage before = StubImages.decode(original);
        BufferedImage after = StubImages.decode(blobs.get(done.resultKey()).orElseThrow());
        int outside = 0;
        int changedInside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean masked = (maskImage.getRaster().getSample(x, y, 0)) != 0;
                if (!masked) {
                    outside++;
                    assertEquals(before.getRGB(x, y), after.getRGB(x, y), "pixel " + x + "," + y + " outside the mask");
                } else if (before.getRGB(x, y) != after.getRGB(x, y)) {
                    changedInside++;
                }
            }
        }
        assertTrue(outside > w * h / 2 && changedInside > 0, outside + " outside, " + changedInside + " changed inside");
    }

    /**
     * OpenAI's edits take the image in its mask's format (the image-generation guide: "The image to edit and mask must be
     * of the same format"; the mask is a PNG): a JPEG upload reworked by gpt-image-2 goes as a PNG of its pixels. Before,
     * it went as uploaded and a stub written from the guide refused it.
     */
    @Test
    void aJpegUploadGoesToOpenAiEditsAsAPngLikeItsMask() throws Exception {
        byte[] original = StubImages.synthetic(320, 240, "jpg");
        BufferedImage maskImage = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = maskImage.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(100, 70, 120, 90);
        g.dispose();
        String job = send(new GenerationRequest("natural skin texture", null, "gpt-image-2", null, put(original),
                put(StubImages.encode(maskImage, "png")), 320, 240, null));
        completed(events(job, 1));
        FormData.Part image = STUBS.openai.requests("/images/edits").get(0).form().stream().filter(p -> p.name().equals("image"))
                .findFirst().orElseThrow();
        assertEquals("image/png", image.contentType());
        assertTrue(StubImages.isPng(image.bytes()));
        assertArrayEquals(new int[] {320, 240}, StubImages.size(image.bytes()));
    }

    /**
     * References whose stored bytes add up to more than 14 MiB (one 5 MiB blob named three times: the gateway refuses
     * that, a replayed or hand-made record does not) fail too_large before any is read or sent.
     */
    @Test
    void referencesOverTheirByteLimitFailTooLargeAndNoProviderIsAsked() throws Exception {
        byte[] blob = new byte[5 * 1024 * 1024];
        new java.util.Random(7).nextBytes(blob); // never read: the sizes alone refuse the job
        String key = put(blob);
        List<GenerationRequest.ReferenceImage> refs = List.of(new GenerationRequest.ReferenceImage(key, 0.5),
                new GenerationRequest.ReferenceImage(key, 0.5), new GenerationRequest.ReferenceImage(key, 0.5));
        List<EventEnvelope> events = events(send(generate("gpt-image-2", refs)), 1);
        JobFailed failed = failed(events);
        assertEquals(FailureCodes.TOO_LARGE, failed.code());
        assertTrue(failed.message().contains("15728640 bytes") && failed.message().contains("at most "
                + GenerationRequest.MAX_REFERENCE_BYTES), failed.message());
        assertTrue(STUBS.openai.requests().isEmpty(), "the provider was sent nothing");
        assertTrue(events.stream().noneMatch(e -> e.type().equals(EventTypes.STARTED)), "refused before it started");
    }

    /**
     * A job's input images reserve the worker's memory for them before they are read (InputMemory): while other jobs'
     * inputs hold the whole budget, a job with references starts and waits, asking no provider; once the memory is given
     * back it runs, holding six bytes per stored byte through its provider call, and gives them back at its end.
     */
    @Test
    void aJobWithReferencesWaitsForMemoryForThemAndHoldsItThroughItsProviderCall() throws Exception {
        byte[] ref = StubImages.synthetic(300, 400, "jpg");
        String key = put(ref);
        CountDownLatch answer = new CountDownLatch(1);
        STUBS.openai.script("/images/edits", r -> {
            answer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            return OpenAiStub.image("1024x1024", "jpeg");
        });
        String job;
        try (InputMemory.Lease others = memory.reserve("t-others", memory.budgetBytes(), Duration.ZERO).orElseThrow()) {
            job = send(generate("gpt-image-2", List.of(new GenerationRequest.ReferenceImage(key, 0.5))));
            CancelProbe.awaitTrue("the job waits for memory", WAIT, () -> memory.waitingJobs() == 1);
            assertTrue(kafka.await(Topics.JOB_EVENTS, r -> job.equals(r.key()), found -> found.stream()
                    .anyMatch(r -> r.value().contains("\"STARTED\"")), WAIT).size() >= 1, "started: a worker has it");
            assertTrue(STUBS.openai.requests().isEmpty(), "no provider asked while the memory is taken");
        }
        CancelProbe.awaitTrue("the provider holds the call", WAIT, () -> STUBS.openai.requests("/images/edits").size() == 1);
        assertEquals(6L * ref.length, memory.reservedBytes(), "six bytes per stored byte, through the provider call");
        answer.countDown();
        JobCompleted done = completed(events(job, 1));
        assertEquals(ImageModels.OPENAI, done.usage().provider());
        CancelProbe.awaitTrue("the memory given back", WAIT, () -> memory.reservedBytes() == 0);
    }

    /**
     * One provider's burst leaves the other providers' jobs running (ProviderLanes): 80 OpenAI jobs of one tenant, held
     * at the provider (more than the 64 threads every job shared before the lanes, which they all took, 56 of them
     * waiting for OpenAI's 8 slots), and another tenant's Gemini job still completes; then the burst completes too.
     */
    @Test
    void aBurstOnOneProviderLeavesAnotherProvidersJobRunning() {
        CountDownLatch answer = new CountDownLatch(1);
        StubServer.Responder held = r -> {
            answer.await(5, TimeUnit.MINUTES);
            return OpenAiStub.image("1024x1024", "jpeg");
        };
        StubServer.Responder[] everyCall = new StubServer.Responder[80];
        Arrays.fill(everyCall, held);
        STUBS.openai.script("/images/generations", everyCall);
        List<String> burst = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                burst.add(send(generate("gpt-image-2", List.of())));
            }
            CancelProbe.awaitTrue("OpenAI holds its 8 slots", WAIT, () -> STUBS.openai.requests("/images/generations").size() == 8);
            String other = "job-" + UUID.randomUUID();
            send(other, EventJson.write(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t-flow-other", other,
                    generate("nano-banana-pro", List.of()))));
            assertEquals(ImageModels.GOOGLE, completed(events(other, 1)).usage().provider());
            // before any held call's 30 s read timeout: on the old pool the Gemini job got a thread only once those
            // timeouts had freed some, and the retries made it 12 calls by then
            assertEquals(8, STUBS.openai.requests("/images/generations").size(), "the burst is still held");
        } finally {
            answer.countDown();
        }
        List<KafkaProbe.Received> ends = kafka.await(Topics.JOB_EVENTS, r -> burst.contains(r.key()), found -> found.stream()
                .filter(r -> r.value().contains("\"COMPLETED\"")).count() >= burst.size(), Duration.ofMinutes(3));
        assertEquals(burst.size(), ends.stream().filter(r -> r.value().contains("\"COMPLETED\"")).map(KafkaProbe.Received::key)
                .distinct().count(), "the whole burst completed");
    }

    /**
     * A request older than realskin.generation.max-request-age (50 min; an outage's backlog, a late replay) would be
     * worked after its credit hold expired, unpaid: it fails expired before any provider is called, and a redelivery
     * re-emits that outcome.
     */
    @Test
    void aRequestOlderThanItsHoldCanWaitFailsExpiredWithoutAProviderCall() {
        String job = "job-" + UUID.randomUUID();
        String value = EventJson.write(new EventEnvelope(UUID.randomUUID(), EventTypes.GENERATION_REQUESTED,
                Instant.now().minus(Duration.ofMinutes(51)), TENANT, job, EventJson.MAPPER.valueToTree(generate("nano-banana-pro", List.of()))));
        send(job, value);
        List<EventEnvelope> events = events(job, 1);
        JobFailed failed = failed(events);
        assertEquals(FailureCodes.EXPIRED, failed.code());
        assertTrue(failed.message().contains("more than 50 min"), failed.message());
        assertTrue(events.stream().noneMatch(e -> e.type().equals(EventTypes.STARTED)), "refused before it started");
        send(job, value);
        List<EventEnvelope> again = events(job, 2);
        assertEquals(2, again.stream().filter(e -> e.type().equals(EventTypes.FAILED)).map(EventEnvelope::eventId).count());
        assertEquals(1, again.stream().filter(e -> e.type().equals(EventTypes.FAILED)).map(EventEnvelope::eventId).distinct().count(),
                "the journaled FAILED again, same eventId");
        assertTrue(STUBS.gemini.requests().isEmpty(), "the provider was never asked");
    }

    @Test
    void fluxFillInpaintsThroughBfl() throws Exception {
        byte[] original = StubImages.synthetic(320, 240, "jpg");
        BufferedImage maskImage = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
        maskImage.getRaster().setSample(100, 100, 0, 255);
        String job = send(new GenerationRequest("skin", null, "flux-pro-fill", null, put(original),
                put(StubImages.encode(maskImage, "png")), 320, 240, null));
        JobCompleted done = completed(events(job, 1));
        assertEquals(ImageModels.BFL, done.usage().provider());
        assertEquals("flux-pro-fill", done.usage().model());
        assertEquals(1, STUBS.bfl.requests("/v1/flux-pro-1.0-fill").size());
    }

    @Test
    void anUnavailableProviderFallsBackAndTheEventsSaySo() {
        STUBS.gemini.always(":generateContent", r -> GeminiStub.unavailable());
        String job = send(generate("nano-banana-pro", List.of()));
        List<EventEnvelope> events = events(job, 1);
        JobCompleted done = completed(events);
        assertEquals("gpt-image-2", done.usage().model());
        assertEquals(ImageModels.OPENAI, done.usage().provider());
        JobProgress fallback = events.stream().filter(e -> e.type().equals(EventTypes.PROGRESS))
                .map(e -> e.payloadAs(JobProgress.class)).filter(p -> p.stage().equals("fallback")).findFirst().orElseThrow();
        assertEquals("nano-banana-pro failed (provider_unavailable); trying gpt-image-2", fallback.detail());
        assertTrue(STUBS.gemini.requests().size() >= 2, "Gemini was retried before the fallback");
    }

    @Test
    void aTruncatedJpegAnswerWithOrWithoutItsEndMarkerOrOneThatIsNotBase64FailsWithItsCodeAndNothingIsCompleted() {
        byte[] jpeg = StubImages.synthetic(1024, 1024, "jpg");
        STUBS.openai.script("/images/generations", r -> OpenAiStub.answer(Arrays.copyOf(jpeg, jpeg.length / 2), "1024x1024", "jpeg"));
        List<EventEnvelope> cut = events(send(generate("gpt-image-2", List.of())), 1);
        assertEquals(FailureCodes.PROVIDER_REJECTED, failed(cut).code());
        assertTrue(failed(cut).message().contains("truncated"), failed(cut).message());
        assertTrue(cut.stream().noneMatch(e -> e.type().equals(EventTypes.COMPLETED)), cut.toString());

        // cut as short but closed with an EOI marker: libjpeg only warns and would decode the rest as gray
        STUBS.openai.script("/images/generations", r -> OpenAiStub.answer(TestImages.cutAndClosed(jpeg, 0.5), "1024x1024", "jpeg"));
        List<EventEnvelope> closed = events(send(generate("gpt-image-2", List.of())), 1);
        assertEquals(FailureCodes.PROVIDER_REJECTED, failed(closed).code());
        assertTrue(failed(closed).message().contains("JPEG data is truncated"), failed(closed).message());
        assertTrue(closed.stream().noneMatch(e -> e.type().equals(EventTypes.COMPLETED)), closed.toString());

        STUBS.openai.script("/images/generations", r -> StubServer.Answer.json(200,
                "{\"created\":1,\"data\":[{\"b64_json\":\"/9j/4A$$\"}]}"));
        JobFailed notBase64 = failed(events(send(generate("gpt-image-2", List.of())), 1));
        assertEquals(FailureCodes.PROVIDER_REJECTED, notBase64.code());
        assertTrue(notBase64.message().contains("b64_json is not base64"), notBase64.message());
    }

    @Test
    void anAnswerThatIsNoImageOrFarOverThePixelLimitFailsProviderRejectedAndNothingIsCompleted() {
        // base64 that decodes, but to text
        STUBS.openai.script("/images/generations", r -> OpenAiStub.answer("<html>not an image</html>".getBytes(), "1024x1024", "png"));
        List<EventEnvelope> text = events(send(generate("gpt-image-2", List.of())), 1);
        assertEquals(FailureCodes.PROVIDER_REJECTED, failed(text).code(), failed(text).message());
        assertTrue(text.stream().noneMatch(e -> e.type().equals(EventTypes.COMPLETED)), text.toString());

        // a 60000 x 60000 PNG header (3.6 gigapixels) in a few dozen bytes, as a BFL sample: refused by its header, never decoded
        STUBS.bfl.script("/delivery/", r -> StubServer.Answer.bytes(200, "image/png", pngHeaderOnly(60_000, 60_000)));
        List<EventEnvelope> huge = events(send(generate("flux-2-pro", List.of())), 1);
        assertEquals(FailureCodes.PROVIDER_REJECTED, failed(huge).code(), failed(huge).message());
        assertTrue(huge.stream().noneMatch(e -> e.type().equals(EventTypes.COMPLETED)), huge.toString());
    }

    /** A PNG signature, an IHDR of this size (8-bit RGB, CRC right) and IEND: a header that promises the pixels, no data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
                .put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        java.util.zip.CRC32 end = new java.util.zip.CRC32();
        end.update("IEND".getBytes());
        png.putInt(0).put("IEND".getBytes()).putInt((int) end.getValue());
        return png.array();
    }

    @Test
    void moderationIsTheJobsOwnAndNeverFallsBack() {
        STUBS.gemini.script(":generateContent", r -> GeminiStub.textOnly("IMAGE_SAFETY"));
        JobFailed failed = failed(events(send(generate("nano-banana-pro", List.of())), 1));
        assertEquals(FailureCodes.CONTENT_MODERATED, failed.code());
        assertTrue(STUBS.openai.requests().isEmpty(), "no fallback on moderation");

        STUBS.bfl.script("/get_result", r -> BflStub.status(r.param("id"), "Request Moderated", "Derivative Works Filter"));
        assertEquals(FailureCodes.CONTENT_MODERATED, failed(events(send(generate("flux-2-pro", List.of())), 1)).code());
    }

    @Test
    void aKeptBflTaskIsPolledInsteadOfSubmittedAgain() {
        String job = "job-" + UUID.randomUUID();
        byte[] image = StubImages.synthetic(768, 768, "png");
        String pollingUrl = STUBS.bfl.existingTask("kept-" + job, image);
        EventEnvelope request = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, TENANT, job, generate("flux-2-pro", List.of()));
        JobStoreCalls store = new JobStoreCalls(new BlobStoreWait((t, j) -> false, Duration.ofMillis(200), Duration.ofSeconds(5)), request);
        new JobJournal(blobs, TENANT, job).tasks("flux-2-pro", store).keep(new TaskJournal.KeptTask(1, "kept-" + job, pollingUrl));
        send(job, EventJson.write(request));
        JobCompleted done = completed(events(job, 1));
        assertEquals("kept-" + job, done.usage().providerRequestId());
        assertTrue(STUBS.bfl.requests().stream().noneMatch(r -> r.method().equals("POST")), "nothing submitted (or paid) again");
        assertEquals(768 * 768 / 1e6, done.usage().megapixels(), 1e-9);
    }

    /**
     * A redelivered job whose journal holds its first task and the one that replaced it, both gone at BFL, pays for no
     * third: FAILED provider_unavailable, nothing submitted (the count comes from the journal in the blob store). Before,
     * each redelivery that found its latest task gone submitted one more.
     */
    @Test
    void aRedeliveredBflJobWhoseReplacementIsGoneTooPaysForNoThirdTask() {
        String job = "job-" + UUID.randomUUID();
        EventEnvelope request = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, TENANT, job, generate("flux-2-pro", List.of()));
        JobStoreCalls store = new JobStoreCalls(new BlobStoreWait((t, j) -> false, Duration.ofMillis(200), Duration.ofSeconds(5)), request);
        TaskJournal tasks = new JobJournal(blobs, TENANT, job).tasks("flux-2-pro", store);
        tasks.keep(new TaskJournal.KeptTask(1, "gone-1-" + job, STUBS.bfl.url() + "/eu2/v1/get_result?id=gone-1-" + job));
        tasks.keep(new TaskJournal.KeptTask(2, "gone-2-" + job, STUBS.bfl.url() + "/eu2/v1/get_result?id=gone-2-" + job));
        send(job, EventJson.write(request));
        JobFailed failed = failed(events(job, 1));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, failed.code(), failed.message());
        assertTrue(failed.message().contains("paid for 2 tasks already"), failed.message());
        assertTrue(STUBS.bfl.requests().stream().noneMatch(r -> r.method().equals("POST")), "no third task submitted (or paid)");
    }

    /**
     * OpenAI's 401 echoes the key masked (its first 8 and last 4 characters): the tenant's FAILED message says only that
     * the provider refused our credentials, and no log line holds a fragment of the key. Before, the masked key reached
     * both (the redaction replaced only the whole key).
     */
    @Test
    void theKeyReachesNeitherTheLogsNorTheEvents() {
        STUBS.openai.always("/images/", r -> OpenAiStub.invalidApiKey(r.header("authorization").substring("Bearer ".length())));
        LOGS.clear();
        JobFailed failed = failed(events(send(generate("gpt-image-2", List.of())), 1));
        assertEquals(FailureCodes.PROVIDER_AUTH, failed.code());
        String head = ProviderStubs.OPENAI_KEY.substring(0, 8);
        String tail = ProviderStubs.OPENAI_KEY.substring(ProviderStubs.OPENAI_KEY.length() - 4);
        assertTrue(failed.message().contains("refused this deployment's credentials"), failed.message());
        assertFalse(failed.message().contains(head) || failed.message().contains(tail) || failed.message().contains("Incorrect API key"),
                "no provider text about our key: " + failed.message());
        assertTrue(LOGS.stream().anyMatch(l -> l.contains("invalid_api_key")), "the failing call was logged: " + LOGS);
        assertTrue(LOGS.stream().noneMatch(l -> l.contains(head) || l.contains(tail)), "no log line holds a fragment of the key: " + LOGS);
    }

    @Test
    void theOpenAiOrganizationAndProjectTravelInTheirHeadersAndReachNoLog() {
        LOGS.clear();
        completed(events(send(generate("gpt-image-2", List.of())), 1));
        StubServer.Request sent = STUBS.openai.requests("/images/").get(0);
        assertEquals(ProviderStubs.OPENAI_ORGANIZATION, sent.header("openai-organization"));
        assertEquals(ProviderStubs.OPENAI_PROJECT, sent.header("openai-project"));
        assertTrue(LOGS.stream().noneMatch(l -> l.contains(ProviderStubs.OPENAI_ORGANIZATION) || l.contains(ProviderStubs.OPENAI_PROJECT)),
                "no log line holds them: " + LOGS);
    }

    @Test
    void jobsAModelCannotDoAreBadRequests() throws Exception {
        JobFailed unknown = failed(events(send(generate("dall-e-9", List.of())), 1));
        assertEquals(FailureCodes.BAD_REQUEST, unknown.code());
        assertTrue(unknown.message().contains("unknown model"), unknown.message());
        byte[] png = StubImages.synthetic(64, 64, "png");
        JobFailed noMask = failed(events(send(new GenerationRequest("p", null, "nano-banana-pro", null, put(png), put(png), 64, 64,
                null)), 1));
        assertEquals(FailureCodes.BAD_REQUEST, noMask.code());
        assertTrue(noMask.message().contains("cannot inpaint"), noMask.message());
        assertTrue(STUBS.gemini.requests().isEmpty(), "refused before any provider call");

        // a skin-inpaint sends no references (the gateway plans none): a record with them is no gateway's, refused before any
        // is read or sized; until 2026-12-08 they were read (up to 14 of 30 MiB, outside the input memory budget) and dropped
        BufferedImage maskImage = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = maskImage.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(16, 16, 32, 32);
        g.dispose();
        String mask = put(StubImages.encode(maskImage, "png"));
        JobFailed inpaintWithReferences = failed(events(send(new GenerationRequest("p", null, "gpt-image-2",
                List.of(new GenerationRequest.ReferenceImage(put(StubImages.synthetic(300, 400, "jpg")), 0.5)), put(png), mask, 64, 64,
                null, null, Boolean.TRUE)), 1));
        assertEquals(FailureCodes.BAD_REQUEST, inpaintWithReferences.code(), inpaintWithReferences.message());
        assertTrue(inpaintWithReferences.message().contains("reference"), inpaintWithReferences.message());
        assertTrue(STUBS.openai.requests().isEmpty(), "refused before any provider call");
    }
}
