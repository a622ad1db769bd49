package io.realskin.generation.provider.bfl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.generation.provider.AdapterContract;
import io.realskin.generation.provider.AllowedHosts;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.ContractCalls;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ProviderSettings;
import io.realskin.generation.provider.TaskJournal;
import io.realskin.generation.resilience.Backoff;
import io.realskin.generation.resilience.Bulkhead;
import io.realskin.generation.resilience.CircuitBreaker;
import io.realskin.generation.resilience.Pauser;
import io.realskin.generation.resilience.ProviderGuard;
import io.realskin.generation.stub.BflStub;
import io.realskin.generation.stub.StubImages;
import io.realskin.generation.stub.StubServer;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The BFL adapter against a stub that answers as docs.bfl.ai documents submission, polling and delivery. */
class BflImagesContractTest extends AdapterContract {
    private static final String KEY = "bfl-test-2c9e4a7f-11d3";
    private static final BflStub STUB = new BflStub(KEY);

    @Override
    protected StubServer stub() {
        return STUB;
    }

    @Override
    protected ProviderSettings stubSettings() {
        return ContractCalls.settings("bfl", KEY, STUB.baseUrl());
    }

    @Override
    protected ImageProvider adapter(ProviderHttp http) {
        return new BflImages(http, pauser);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    private List<StubServer.Request> submissions() {
        return STUB.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    @Test
    void submitPollTheGivenUrlThenDownloadWithoutTheKey() {
        byte[] first = StubImages.synthetic(200, 260, "jpg");
        byte[] second = StubImages.synthetic(240, 240, "png");
        ProviderImage image = call(ContractCalls.withReferences("flux-2-pro", 1000, 1500, List.of(
                new ProviderCall.Reference(first, "image/jpeg", 0.5), new ProviderCall.Reference(second, "image/png", 0.5))));

        StubServer.Request submit = submissions().get(0);
        assertEquals("/v1/flux-2-pro", submit.path());
        assertEquals(KEY, submit.header("x-key"));
        JsonNode body = submit.json();
        assertEquals(992, body.path("width").asInt(), "a multiple of 16");
        assertEquals(1488, body.path("height").asInt(), "a multiple of 16");
        assertEquals("png", body.path("output_format").asText());
        assertEquals(2, body.path("safety_tolerance").asInt());
        assertEquals(7, body.path("seed").asInt());
        assertArrayEquals(first, Base64.getDecoder().decode(body.path("input_image").asText()));
        assertArrayEquals(second, Base64.getDecoder().decode(body.path("input_image_2").asText()));
        assertTrue(body.path("prompt").asText().contains("not the identity"));

        List<StubServer.Request> polls = STUB.requests("/get_result");
        assertEquals(3, polls.size(), "Pending twice, then Ready");
        assertTrue(polls.stream().allMatch(p -> p.path().equals("/eu2/v1/get_result") && KEY.equals(p.header("x-key"))),
                "the polling_url as given, with the key");
        StubServer.Request download = STUB.requests("/delivery/").get(0);
        assertNull(download.header("x-key"), "the key never travels to the delivery host");
        assertArrayEquals(new int[] {992, 1488}, StubImages.size(image.bytes()));
        assertEquals(1, journal.kept.size(), "the task was kept before polling");
        assertEquals(image.requestId(), journal.kept.get(0).id());
        assertEquals(List.of("submitted", "provider-queued", "polling", "downloading"), stages.seen);
        assertEquals(2, pauser.pauses.size(), "a pause after each Pending");
        assertTrue(pauser.pauses.get(1).compareTo(pauser.pauses.get(0)) > 0, "polls back off: " + pauser.pauses);
    }

    /**
     * A small request goes at FLUX.2's documented minimum: help.bfl.ai, "Aspect Ratios and Output Dimensions" (April 2026),
     * FLUX.2 "Minimum 256 × 256 pixels", "Multiples of 16 pixels" (the API reference: "x >= 64"). Until 2026-12-07 a
     * 200x200 job asked for 192x192, refused 422 by a provider that holds to the help centre's word.
     */
    @Test
    void aSmallRequestGoesAtFlux2sDocumentedMinimumSide() {
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 200, 200));

        JsonNode body = submissions().get(0).json();
        assertEquals(256, body.path("width").asInt());
        assertEquals(256, body.path("height").asInt());
        assertArrayEquals(new int[] {256, 256}, StubImages.size(image.bytes()));
    }

    /**
     * FLUX.1 Kontext (a deployment's provider model name, realskin.providers.model-names) has no width or height: its API
     * reference (docs.bfl.ai/api-reference, "Edit or create an image with Flux Kontext Pro": {@code prompt},
     * {@code input_image} .. {@code input_image_4}, {@code seed}, {@code aspect_ratio} "between 21:9 and 9:21",
     * {@code output_format}, {@code safety_tolerance} 0-6) and help.bfl.ai ("Kontext outputs at a fixed ~1MP resolution.
     * You can set aspect_ratio"). Until 2026-12-07 it was sent FLUX.2's width and height, which it does not read, and
     * made a 1:1 image for a 2:3 job.
     */
    @Test
    void kontextGetsAnAspectRatioInsteadOfAWidthAndHeight() {
        byte[] reference = StubImages.synthetic(200, 260, "jpg");
        ProviderImage image = call(ContractCalls.withReferences("flux-kontext-pro", 1000, 1500,
                List.of(new ProviderCall.Reference(reference, "image/jpeg", 0.5))));

        StubServer.Request submit = submissions().get(0);
        assertEquals("/v1/flux-kontext-pro", submit.path());
        JsonNode body = submit.json();
        assertEquals("2:3", body.path("aspect_ratio").asText());
        assertFalse(body.has("width") || body.has("height"), body.toString());
        assertArrayEquals(reference, Base64.getDecoder().decode(body.path("input_image").asText()));
        int[] size = StubImages.size(image.bytes());
        assertTrue(size[1] > size[0], "a portrait, as asked: " + size[0] + "x" + size[1]);
    }

    /** Kontext reads {@code input_image} .. {@code input_image_4}: a fifth reference fails the job before anything is paid. */
    @Test
    void kontextRefusesMoreReferencesThanItsFourInputImagesBeforeSubmitting() {
        List<ProviderCall.Reference> five = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> new ProviderCall.Reference(StubImages.synthetic(64 + i, 64, "jpg"), "image/jpeg", 0.5)).toList();
        ProviderFailure f = failure(ContractCalls.withReferences("flux-kontext-pro", 1024, 1024, five));

        assertEquals(FailureCodes.BAD_REQUEST, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("at most 4"), f.getMessage());
        assertTrue(submissions().isEmpty(), "nothing submitted, nothing paid");
    }

    /**
     * FLUX 1.1 [pro] (a deployment's provider model name) takes {@code width} and {@code height} as FLUX.1 [pro] does:
     * "Width of the generated image in pixels. Must be a multiple of 32." "Required range: 256 <= x <= 1440"
     * (docs.bfl.ai/api-reference, "Generate an image with FLUX.1 [pro]"; FLUX 1.1 [pro]'s page and the resellers' copies
     * of its schema give the same 256-1440 in steps of 32). Until 2026-12-07 it was sent FLUX.2's sizes: 992x1488 for a
     * 2:3 job, neither a multiple of 32 and one over 1440, a 422 for every job but a square one.
     */
    @Test
    void flux11ProGetsSidesInStepsOf32Within1440() {
        ProviderImage portrait = call(ContractCalls.generate("flux-pro-1.1", 1000, 1500));

        JsonNode body = submissions().get(0).json();
        assertEquals("/v1/flux-pro-1.1", submissions().get(0).path());
        assertEquals(960, body.path("width").asInt(), body.toString());
        assertEquals(1440, body.path("height").asInt(), body.toString());
        assertArrayEquals(new int[] {960, 1440}, StubImages.size(portrait.bytes()));
    }

    /**
     * FLUX 1.1 [pro] Ultra has no width or height: its API reference (docs.bfl.ai/api-reference, "Generate an image with
     * FLUX 1.1 [pro] with ultra mode and optional raw mode") takes {@code aspect_ratio}, default 16:9, "between 21:9 and
     * 9:21", and makes up to 4 MP. Until 2026-12-07 it was sent FLUX.2's width and height, which it does not read, and made
     * a 16:9 landscape for a portrait job.
     */
    @Test
    void flux11ProUltraGetsAnAspectRatioInsteadOfAWidthAndHeight() {
        ProviderImage image = call(ContractCalls.generate("flux-pro-1.1-ultra", 1000, 1500));

        JsonNode body = submissions().get(0).json();
        assertEquals("2:3", body.path("aspect_ratio").asText(), body.toString());
        assertFalse(body.has("width") || body.has("height"), body.toString());
        int[] size = StubImages.size(image.bytes());
        assertTrue(size[1] > size[0], "a portrait, as asked: " + size[0] + "x" + size[1]);
    }

    /**
     * FLUX 1.1 [pro], its Ultra mode and FLUX.1 [pro] define no {@code input_image} (their references list
     * {@code image_prompt}, Redux's composition prompt, alone): a job with references fails {@code bad_request} before
     * anything is paid. Until 2026-12-07 the references went as {@code input_image}, unread, and the task was paid.
     */
    @Test
    void flux1ModelsRefuseReferencesTheyWouldNotReadBeforeSubmitting() {
        List<ProviderCall.Reference> one = List.of(new ProviderCall.Reference(StubImages.synthetic(64, 64, "jpg"), "image/jpeg", 0.5));
        for (String model : List.of("flux-pro-1.1", "flux-pro-1.1-ultra", "flux-pro")) {
            ProviderFailure f = failure(ContractCalls.withReferences(model, 1024, 1024, one));
            assertEquals(FailureCodes.BAD_REQUEST, f.code(), f.getMessage());
            assertTrue(f.getMessage().contains("takes no input images"), f.getMessage());
        }
        assertTrue(submissions().isEmpty(), "nothing submitted, nothing paid");
    }

    /**
     * A model name BFL has not: its submit path does not exist, and the API (FastAPI, api.bfl.ai/openapi.json, one path per
     * model) answers 404 {@code {"detail":"Not Found"}}. It is {@code provider_model_missing}, sent once, no task kept, as
     * a 404 for a model is at Gemini and OpenAI; until 2026-12-07 it was {@code provider_rejected}.
     */
    @Test
    void aModelBflDoesNotHaveIsProviderModelMissingNotARejectedPrompt() {
        ProviderFailure f = failure(ContractCalls.generate("flux-3-pro-preview", 1024, 1024));

        assertEquals(FailureCodes.PROVIDER_MODEL_MISSING, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("/v1/flux-3-pro-preview") && f.getMessage().contains("realskin.providers.model-names"),
                f.getMessage());
        assertFalse(f.retryable());
        assertFalse(f.providerFault());
        assertEquals(1, submissions().size(), "sent once");
        assertTrue(journal.kept.isEmpty(), "no task: nothing was accepted");
    }

    @Test
    void fillSendsTheImageAndAWhiteIsFillMask() {
        byte[] image = StubImages.synthetic(320, 240, "png");
        byte[] mask = StubImages.synthetic(320, 240, "png");
        ProviderCall.Edit edit = new ProviderCall.Edit(image, "image/png", 320, 240, mask, new byte[0]);
        ProviderImage answer = call(new ProviderCall("flux-pro-1.0-fill", "natural skin", 320, 240, List.of(), edit, null,
                GenerationRequest.PNG));

        StubServer.Request submit = submissions().get(0);
        assertEquals("/v1/flux-pro-1.0-fill", submit.path());
        assertArrayEquals(image, Base64.getDecoder().decode(submit.json().path("image").asText()));
        assertArrayEquals(mask, Base64.getDecoder().decode(submit.json().path("mask").asText()));
        assertEquals("natural skin", submit.json().path("prompt").asText());
        assertEquals("png", submit.json().path("output_format").asText());
        assertArrayEquals(image, answer.bytes());
    }

    @Test
    void moderationInEitherFormIsContentModerated() {
        STUB.script("/get_result", r -> BflStub.status(r.param("id"), "Request Moderated", "Derivative Works Filter"));
        ProviderFailure input = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.CONTENT_MODERATED, input.code());
        assertTrue(input.getMessage().contains("Derivative Works Filter"), input.getMessage());

        journal = new ContractCalls.MemoryJournal(); // another job
        STUB.script("/get_result", r -> BflStub.status(r.param("id"), "Content Moderated", "NSFW"));
        assertEquals(FailureCodes.CONTENT_MODERATED, failure(ContractCalls.generate("flux-2-pro", 1024, 1024)).code());
        assertEquals(2, submissions().size(), "never resubmitted");
    }

    /**
     * A task that ended in Error is not paid for again: BFL's errors page says only "check the error details", its own
     * client (black-forest-labs/skills python-client.py) raises on Error without a new task, and each new task is a new
     * paid generation. Before, every attempt submitted one, up to max-attempts (4).
     */
    @Test
    void aTaskThatEndsInErrorIsNotSubmittedAgain() {
        STUB.script("/get_result", r -> BflStub.ended(r.param("id"), "Error", "Internal generation error"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("ended in Error Internal generation error"), f.getMessage());
        assertEquals(1, submissions().size(), "one task, one payment");
        assertEquals(2, journal.kept.size(), "the task, then its end");
        assertNull(journal.kept.get(1).id());
    }

    /**
     * The task is paid for once submitted; its journal's write waits for the blob store (away) past the job's deadline.
     * That wait is no time at the provider: the task is polled and its image fetched, as GenerationJobService moves the
     * deadline by the job's store calls. Before, the first poll found the deadline passed and the job failed
     * provider_unavailable "not ready before the job's deadline", the paid task never polled.
     */
    @Test
    void aWaitForTheStoreToKeepThePaidTaskLeavesTheJobItsTimeToPollIt() {
        call(ContractCalls.generate("flux-2-pro", 1024, 1024)); // warm: a loaded machine's first exchange is slow
        STUB.reset();
        journal = new ContractCalls.MemoryJournal();
        long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos(); // the submit's time
        AtomicLong storeNanos = new AtomicLong();
        TaskJournal storeAway = new TaskJournal() {
            @Override
            public Optional<KeptTask> latest() {
                return journal.latest();
            }

            @Override
            public int submitted() {
                return journal.submitted();
            }

            @Override
            public void keep(KeptTask task) {
                long start = System.nanoTime();
                while (System.nanoTime() < deadline + Duration.ofMillis(200).toNanos()) {
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // BlobStoreWait trying the store again
                }
                journal.keep(task);
                storeNanos.addAndGet(System.nanoTime() - start);
            }
        };
        CallContext context = new CallContext(deadline, stages, storeAway, () -> false, "", storeNanos::get);
        ImageProvider adapter = adapter(new ProviderHttp(settings));
        ProviderCall call = ContractCalls.generate("flux-2-pro", 1024, 1024);
        ProviderImage image = new ProviderGuard(settings, pauser).call(() -> adapter.create(call, context), context,
                ProviderGuard.RetryListener.NONE);
        assertEquals(journal.kept.get(0).id(), image.requestId());
        assertEquals(1, submissions().size(), "one task, polled to its image");
    }

    /**
     * A submit sent and never answered may still have become a paid task, whose id never came back: it is not sent again
     * (BFL's own client does not retry it either). Before, the timeout was retried like any, and a slow BFL could bill a
     * task per attempt for one image.
     */
    @Test
    void aSubmitThatGotNoAnswerIsNotSentAgain() {
        settings = settings.withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(30));
        STUB.script("/v1/flux-2-pro", r -> StubServer.Answer.json(500, "{}").after(Duration.ofMillis(5000)));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("not submitted again"), f.getMessage());
        assertEquals(1, submissions().size(), "one submit, whatever became of it");
        assertTrue(journal.kept.isEmpty(), "no task id to keep");
    }

    /**
     * A job whose waits for a lane thread and a provider slot left it less than {@code submit-min-time} submits no task:
     * BFL bills it at the submit, and its polls would stop at the job's deadline, the image never fetched. Before, it
     * was submitted whatever was left. A task the job already paid for is still polled with what is left.
     */
    @Test
    void aJobWithTooLittleTimeLeftSubmitsNoTaskButStillPollsOneItPaidFor() {
        settings = settings.withSubmitMinTime(Duration.ofSeconds(20));
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> call(ContractCalls.generate("flux-2-pro", 1024, 1024),
                Duration.ofSeconds(10)));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("no task submitted") && f.getMessage().contains("submit-min-time"), f.getMessage());
        assertTrue(STUB.requests().isEmpty(), "no submit, no poll: nothing paid");
        assertTrue(journal.kept.isEmpty());

        byte[] done = StubImages.synthetic(512, 512, "png");
        journal.keep(new TaskJournal.KeptTask(1, "kept-late", STUB.existingTask("kept-late", done)));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024), Duration.ofSeconds(10));
        assertEquals("kept-late", image.requestId());
        assertTrue(submissions().isEmpty(), "the paid task polled, no new one");
    }

    /**
     * The wait for a provider slot ends when a new task could no longer be submitted ({@code submit-min-time} before the
     * deadline), not at the deadline: a slot that came later would only be given back (the job fails then, nothing
     * submitted), after the job, and its fallback model, had waited for nothing. A job with a kept task, which needs no
     * submit, waits until the deadline as before. Before, every job waited until the deadline.
     */
    @Test
    void theWaitForASlotEndsWhenANewTaskCouldNoLongerBeSubmitted() {
        settings = settings.withSubmitMinTime(Duration.ofSeconds(2)).withBreaker(5, Duration.ofSeconds(30), 1);
        Bulkhead bulkhead = new Bulkhead(1);
        assertTrue(bulkhead.acquire("another-tenant", Duration.ZERO), "the one slot held by another job throughout");
        ProviderGuard guard = new ProviderGuard(settings, bulkhead, new CircuitBreaker(5, Duration.ofSeconds(30)),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), pauser);
        ImageProvider adapter = adapter(new ProviderHttp(settings));
        ProviderCall call = ContractCalls.generate("flux-2-pro", 1024, 1024);
        CallContext context = ContractCalls.context(Duration.ofSeconds(3), journal, stages);

        ProviderFailure f = assertThrows(ProviderFailure.class, () -> guard.call(() -> adapter.create(call, context),
                () -> adapter.leastTimeToStart(context), context, ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("no free slot") && f.getMessage().contains("submit-min-time"), f.getMessage());
        assertTrue(STUB.requests().isEmpty());

        journal.keep(new TaskJournal.KeptTask(1, "kept", STUB.existingTask("kept", StubImages.synthetic(64, 64, "png"))));
        CallContext polling = ContractCalls.context(Duration.ofSeconds(3), journal, stages);
        ProviderFailure late = assertThrows(ProviderFailure.class, () -> guard.call(() -> adapter.create(call, polling),
                () -> adapter.leastTimeToStart(polling), polling, ProviderGuard.RetryListener.NONE));
        assertTrue(late.getMessage().contains("before the job's deadline"), "a paid task waits for a slot to the end: " + late.getMessage());
    }

    @Test
    void runningStatusesBeyondPendingArePolledOn() {
        STUB.script("/get_result", r -> BflStub.status(r.param("id"), "Reasoning", null),
                r -> BflStub.status(r.param("id"), "Generating", null));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(1, submissions().size(), "a running task is neither failed nor paid twice");
        assertEquals(5, STUB.requests("/get_result").size(), "Reasoning, Generating, Pending twice, Ready");
    }

    @Test
    void aTaskThatEndsInFailedEndsTheCallLikeError() {
        STUB.script("/get_result", r -> BflStub.ended(r.param("id"), "Failed", "generation failed"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("ended in Failed generation failed"), f.getMessage());
        assertEquals(1, submissions().size(), "Failed ends the task: neither a new one nor polls until the deadline");
        assertEquals(1, STUB.requests("/get_result").size());
    }

    @Test
    void aRateLimitWaitsForTheBodysRetryAfterWhenNoHeaderNamesOne() {
        STUB.script("/v1/flux-2-pro", r -> BflStub.tooManyActiveTasks(5));
        call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(2, submissions().size());
        assertTrue(pauser.pauses.get(0).compareTo(Duration.ofSeconds(5)) >= 0, "retry_after honoured: " + pauser.pauses);
    }

    /**
     * BFL's 429 is its limit of active tasks per key (help.bfl.ai: "retry once a previous task finishes"; the
     * rate-limiting reference: concurrent requests, 24): the task was refused, not paid, and the limit clears as the
     * key's tasks finish, so the submit is tried again while a task could still be submitted, not only
     * {@code max-attempts} (4) times. Before, a limit that outlasted four waits (seconds) failed the job
     * {@code provider_quota} while it had minutes left. One that holds until too little time is left still ends
     * {@code provider_quota}, nothing submitted.
     */
    @Test
    void aLimitOfActiveTasksIsWaitedOutWhileATaskCouldStillBeSubmitted() {
        STUB.script("/v1/flux-2-pro", r -> BflStub.tooManyActiveTasks(1), r -> BflStub.tooManyActiveTasks(1),
                r -> BflStub.tooManyActiveTasks(1), r -> BflStub.tooManyActiveTasks(1), r -> BflStub.tooManyActiveTasks(1),
                r -> BflStub.tooManyActiveTasks(1));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(7, submissions().size(), "six refusals waited out, the seventh submit accepted");
        assertEquals(1, journal.submitted(), "one task paid");

        STUB.reset();
        journal = new ContractCalls.MemoryJournal();
        settings = settings.withSubmitMinTime(Duration.ofSeconds(2));
        STUB.always("/v1/flux-2-pro", r -> BflStub.tooManyActiveTasks(1));
        Pauser sleeping = wait -> LockSupport.parkNanos(wait.toNanos());
        ImageProvider adapter = new BflImages(new ProviderHttp(settings), sleeping);
        CallContext context = ContractCalls.context(Duration.ofSeconds(4), journal, stages);
        ProviderCall call = ContractCalls.generate("flux-2-pro", 1024, 1024);
        ProviderFailure f = assertThrows(ProviderFailure.class, () -> new ProviderGuard(settings, sleeping).call(
                () -> adapter.create(call, context), () -> adapter.leastTimeToStart(context), context, ProviderGuard.RetryListener.NONE));
        assertEquals(FailureCodes.PROVIDER_QUOTA, f.code());
        assertTrue(f.getMessage().contains("submit-min-time"), f.getMessage());
        assertEquals(0, journal.submitted(), "nothing paid");
    }

    /**
     * The sample's download, like a poll, waits at least what a refusal for now asks (RFC 9110 10.2.3; BFL's help: 503
     * "wait a few moments and retry"). Before, the download was tried again after the polling pause alone (20 ms here).
     */
    @Test
    void aSampleDownloadRefusedForNowWaitsWhatItsAnswerAsks() {
        STUB.script("/delivery/", r -> StubServer.Answer.bytes(503, "application/xml", ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withHeader("Retry-After", "6"));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(1, submissions().size(), "the same task's sample, fetched again");
        assertEquals(2, STUB.requests("/delivery/").size());
        Duration last = pauser.pauses.get(pauser.pauses.size() - 1);
        assertTrue(last.compareTo(Duration.ofSeconds(6)) >= 0, "Retry-After honoured before the second download: " + pauser.pauses);
    }

    @Test
    void aPollRefusedForNowWaitsWhatItsAnswerAsksBeforeTheNextPoll() {
        // before: the next poll came after the polling pause alone (20 ms here), whatever the answer asked
        STUB.script("/get_result", r -> StubServer.Answer.json(429, "{\"detail\":\"Too many requests\"}").withHeader("Retry-After", "7"),
                r -> BflStub.tooManyActiveTasks(4));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(image.bytes().length > 0);
        assertEquals(1, submissions().size(), "the task is polled on, not submitted again");
        assertTrue(pauser.pauses.get(0).compareTo(Duration.ofSeconds(7)) >= 0, "Retry-After honoured: " + pauser.pauses);
        assertTrue(pauser.pauses.get(1).compareTo(Duration.ofSeconds(4)) >= 0, "the body's retry_after honoured: " + pauser.pauses);
        assertTrue(pauser.pauses.get(2).compareTo(Duration.ofSeconds(1)) < 0, "then the polling pause again: " + pauser.pauses);
    }

    @Test
    void samplesComeFromTheConfiguredAndTheDocumentedDeliveryHostsOnly() {
        AllowedHosts hosts = BflDelivery.hosts(ProviderSettings.defaults("bfl", KEY, "https://api.bfl.ai").withPolling(Duration.ofMillis(20),
                Duration.ofMillis(50), List.of("cdn.example.org")));
        assertTrue(hosts.allows(URI.create("https://bfldeliveryprod.blob.core.windows.net/results/ab/sample.jpeg?se=2026&sig=x")),
                "the host of BFL's endpoint reference");
        assertTrue(hosts.allows(URI.create("https://delivery-eu1.bfl.ai/results/ab/sample.jpeg?sig=x")));
        assertTrue(hosts.allows(URI.create("https://cdn.example.org/x.jpeg")), "configured hosts stay allowed");
        assertFalse(hosts.allows(URI.create("https://someone.blob.core.windows.net/x.jpeg")), "not any blob store");
        assertFalse(hosts.allows(URI.create("http://bfldeliveryprod.blob.core.windows.net/x.jpeg")), "TLS only");
    }

    @Test
    void outOfCreditsBadKeyAndRateLimit() {
        STUB.script("/v1/flux-2-pro", r -> StubServer.Answer.json(402, "{\"detail\":\"Insufficient credits\"}"));
        assertEquals(FailureCodes.PROVIDER_QUOTA, failure(ContractCalls.generate("flux-2-pro", 1024, 1024)).code());

        settings = ContractCalls.settings("bfl", "bfl-wrong", STUB.baseUrl());
        ProviderFailure auth = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_AUTH, auth.code());
        assertEquals("bfl: the provider refused this deployment's credentials (HTTP 403); an operator must check its API key",
                auth.getMessage());
        assertEquals(2, submissions().size(), "neither retried");

        settings = ContractCalls.settings("bfl", KEY, STUB.baseUrl());
        STUB.script("/v1/flux-2-pro", r -> StubServer.Answer.json(429, "{\"detail\":\"Too many active tasks\"}").withHeader("Retry-After", "3"));
        call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(pauser.pauses.get(0).compareTo(Duration.ofSeconds(3)) >= 0, "Retry-After honoured: " + pauser.pauses);
        assertEquals(4, submissions().size());
    }

    @Test
    void aValidationErrorIsProviderRejectedWithWhatBflSaid() {
        STUB.script("/v1/flux-2-pro", r -> StubServer.Answer.json(422, "{\"detail\":[{\"loc\":[\"body\",\"width\"],"
                + "\"msg\":\"Input should be a multiple of 16\",\"type\":\"value_error\"}]}"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code());
        assertTrue(f.getMessage().contains("Input should be a multiple of 16"), f.getMessage());
        assertEquals(1, submissions().size(), "a request BFL refuses is not sent again");
        assertTrue(journal.kept.isEmpty(), "no task");
    }

    @Test
    void twoServerErrorsThenSuccess() {
        STUB.script("/v1/flux-2-pro", r -> StubServer.Answer.json(500, "{\"detail\":\"Internal Server Error\"}"),
                r -> StubServer.Answer.json(503, "{\"detail\":\"Service Unavailable\"}"));
        call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(3, submissions().size());
    }

    @Test
    void aPollingUrlOnAnotherHostIsRefused() {
        STUB.script("/v1/flux-2-pro", r -> BflStub.submitted("t-1", "https://collector.example.net/v1/get_result?id=t-1"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code());
        assertTrue(f.getMessage().contains("collector.example.net"), f.getMessage());
        assertTrue(journal.kept.isEmpty(), "a refused task is not kept");
    }

    @Test
    void aPollingUrlWithAPortNoRequestCanUseIsRefusedAtOnce() {
        // before: every poll failed in the HTTP client as a network error, taken as retryable, until the job's deadline
        settings = settings.withPolling(Duration.ofMillis(20), Duration.ofMillis(50), List.of("*.bfl.ai")); // the host is allowed
        STUB.script("/v1/flux-2-pro", r -> BflStub.submitted("t-port", "https://api.eu.bfl.ai:99999/v1/get_result?id=t-port"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("polling_url"), f.getMessage());
        assertTrue(journal.kept.isEmpty(), "a refused task is not kept");
    }

    @Test
    void aSampleOnAHostNotAllowedIsNotFetched() {
        STUB.deliveryBase(STUB.url().replace("127.0.0.1", "localhost"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, f.code());
        assertTrue(STUB.requests("/delivery/").isEmpty());
    }

    @Test
    void anExpiredSampleUrlMeansOneNewTask() {
        STUB.script("/delivery/", r -> BflStub.expired());
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(2, submissions().size(), "the expired result cannot be fetched again: a new task");
        assertEquals(2, journal.kept.size());
        assertEquals(journal.kept.get(1).id(), image.requestId());
    }

    @Test
    void aKeptTaskIsPolledAfterARestartInsteadOfPayingTwice() {
        byte[] done = StubImages.synthetic(512, 512, "png");
        String pollingUrl = STUB.existingTask("kept-1", done);
        journal.keep(new TaskJournal.KeptTask(1, "kept-1", pollingUrl));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertTrue(submissions().isEmpty(), "no new submission");
        assertEquals("kept-1", image.requestId());
        assertArrayEquals(done, image.bytes());
    }

    /**
     * BFL's get_result documents a 200 (whose {@code status} may be "Task not found") and a 422, no 404: an HTTP 404 on
     * the polling URL (a proxy, a regional host briefly without the task) is no sign the task is gone, so the task is
     * polled again, never paid for twice; a 404 that holds for {@code max-attempts} polls in a row fails
     * {@code provider_unavailable}, nothing submitted, the task kept for a redelivery to poll. Before, the first 404 was
     * taken for a task gone, and a new paid task was submitted.
     */
    @Test
    void anHttp404OnThePollIsPolledAgainNeverANewPaidTask() {
        byte[] done = StubImages.synthetic(256, 256, "png");
        String pollingUrl = STUB.existingTask("kept-404", done);
        journal.keep(new TaskJournal.KeptTask(1, "kept-404", pollingUrl));
        StubServer.Responder notFound = r -> StubServer.Answer.json(404, "{\"detail\":\"Not Found\"}");
        STUB.script("/get_result", notFound, notFound);
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertArrayEquals(done, image.bytes());
        assertEquals("kept-404", image.requestId());
        assertTrue(submissions().isEmpty(), "no new task paid for");

        STUB.reset();
        journal = new ContractCalls.MemoryJournal();
        journal.keep(new TaskJournal.KeptTask(1, "kept-404", STUB.existingTask("kept-404", done)));
        STUB.always("/get_result", notFound);
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code(), f.getMessage());
        assertTrue(f.getMessage().contains("404"), f.getMessage());
        assertTrue(submissions().isEmpty(), "no new task paid for");
        assertEquals(settings.maxAttempts(), STUB.requests("/get_result").size(), "polled max-attempts times");
    }

    @Test
    void aLostKeptTaskIsSubmittedAgain() {
        journal.keep(new TaskJournal.KeptTask(1, "gone-1", STUB.url() + "/eu2/v1/get_result?id=gone-1"));
        ProviderImage image = call(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(1, submissions().size());
        assertFalse("gone-1".equals(image.requestId()));
    }

    /**
     * A job pays for at most one task in place of a gone one. Here a redelivered job (or the guard's next attempt) finds
     * its second task gone too: before, it submitted a third, and each later attempt or redelivery one more.
     */
    @Test
    void aJobPaysForAtMostOneTaskInPlaceOfAGoneOne() {
        journal.keep(new TaskJournal.KeptTask(1, "gone-1", STUB.url() + "/eu2/v1/get_result?id=gone-1"));
        journal.keep(new TaskJournal.KeptTask(2, "gone-2", STUB.url() + "/eu2/v1/get_result?id=gone-2"));
        ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        assertTrue(f.getMessage().contains("paid for 2 tasks already") && f.getMessage().contains("gone-2 not found"), f.getMessage());
        assertTrue(submissions().isEmpty(), "no third task");
        assertEquals(1, STUB.requests("/get_result").size(), "the kept task polled once, not again on every attempt");

        // within one job, the guard's attempts: a sample that answers 503 is fetched by polling the kept task again, and
        // here that task is gone by then, each time: one task takes the first one's place, no third is paid for
        STUB.reset();
        journal = new ContractCalls.MemoryJournal();
        AtomicInteger polls = new AtomicInteger();
        STUB.always("/get_result", r -> polls.incrementAndGet() % 2 == 0 ? BflStub.status(r.param("id"), "Task not found", null)
                : StubServer.Answer.json(200, "{\"id\":\"" + r.param("id") + "\",\"status\":\"Ready\",\"result\":{\"sample\":\""
                        + STUB.url() + "/delivery/" + r.param("id") + "/sample.jpeg\"}}"));
        STUB.always("/delivery/", r -> StubServer.Answer.json(503, "{\"detail\":\"Service Unavailable\"}"));
        ProviderFailure bounded = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, bounded.code());
        assertTrue(bounded.getMessage().contains("paid for 2 tasks already"), bounded.getMessage());
        assertEquals(2, submissions().size(), "the first task and one in its place");
        assertEquals(2, journal.submitted());
    }

    @Test
    void aTaskNotReadyBeforeTheDeadlineIsProviderUnavailable() {
        STUB.pendingPolls(Integer.MAX_VALUE);
        settings = settings.withPolling(Duration.ofMillis(50), Duration.ofMillis(50), List.of());
        CallContext context = ContractCalls.context(Duration.ofMillis(1500), journal, stages);
        BflImages adapter = new BflImages(new ProviderHttp(settings), Pauser.SLEEP); // really waits: the deadline is real
        ProviderFailure f = assertThrows(ProviderFailure.class,
                () -> adapter.create(ContractCalls.generate("flux-2-pro", 1024, 1024), context));
        assertEquals(FailureCodes.PROVIDER_UNAVAILABLE, f.code());
        // the deadline shows in the polling loop or, on a busy machine, before the next poll's call: either way it is named
        assertTrue(f.getMessage().contains("deadline"), f.getMessage());
        assertEquals(1, submissions().size());
    }

    @Test
    void aPollingAnswerThatIsNotGetResultJsonFailsAtOnceInsteadOfBeingPolledUntilTheDeadline() {
        // get_result's 200 is a ResultResponse (docs.bfl.ai/api-reference/utility/get-result): a JSON object with a status
        List<StubServer.Responder> broken = List.of(
                r -> StubServer.Answer.bytes(200, "text/html; charset=utf-8", "<html><body>Bad gateway</body></html>".getBytes()),
                r -> StubServer.Answer.json(200, "{\"id\":\"" + r.param("id") + "\",\"status\":\"Pen"),
                r -> StubServer.Answer.json(200, "{\"id\":\"" + r.param("id") + "\",\"result\":null}"));
        for (StubServer.Responder answer : broken) {
            STUB.reset();
            journal = new ContractCalls.MemoryJournal();
            STUB.script("/get_result", answer);
            ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
            assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), f.getMessage());
            assertTrue(f.getMessage().contains("not a get_result JSON"), f.getMessage());
            assertEquals(1, STUB.requests("/get_result").size(), "one poll, not polls until the deadline");
            assertEquals(1, submissions().size());
        }
    }

    @Test
    void anHtmlPageACutJsonOrARedirectToAnotherHostIsRejectedAndNotFollowed() {
        assertHostileAnswersAreRejected("/v1/flux-2-pro", ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertHostileAnswersAreRejected("/get_result", ContractCalls.generate("flux-2-pro", 1024, 1024));
    }

    @Test
    void aSubmitOrPollAnswerOverItsOneMebibyteCapIsCutOffAndRejected() {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        for (String path : List.of("/v1/flux-2-pro", "/get_result")) {
            STUB.reset();
            journal = new ContractCalls.MemoryJournal();
            STUB.script(path, r -> StubServer.Answer.bytes(200, "application/json", huge));
            ProviderFailure f = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
            assertEquals(FailureCodes.PROVIDER_REJECTED, f.code(), f.getMessage());
            assertTrue(f.getMessage().contains("larger than"), f.getMessage());
            assertEquals(1, STUB.requests(path).size(), "not retried");
        }
    }

    @Test
    void aSampleThatRedirectsOrIsOverTheImageLimitIsRejected() {
        STUB.script("/delivery/", r -> StubServer.Answer.bytes(302, "text/html", new byte[0])
                .withHeader("Location", STUB.url().replace("127.0.0.1", "localhost") + "/redirected/x.png"));
        ProviderFailure redirect = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, redirect.code(), redirect.getMessage());
        assertTrue(STUB.requests("/redirected/").isEmpty(), "a redirect is never followed");

        STUB.reset();
        journal = new ContractCalls.MemoryJournal();
        STUB.script("/delivery/", r -> StubServer.Answer.bytes(200, "image/png", new byte[31 * 1024 * 1024]));
        ProviderFailure huge = failure(ContractCalls.generate("flux-2-pro", 1024, 1024));
        assertEquals(FailureCodes.PROVIDER_REJECTED, huge.code(), huge.getMessage());
        assertTrue(huge.getMessage().contains("larger than"), huge.getMessage());
    }

    @Test
    void aServerErrorThatIsAnHtmlPageIsRetriedAndToldByItsTitle() {
        // before: the message carried the page's first 300 characters of markup
        assertAnHtmlServerErrorIsRetriedAndToldByItsTitle("/v1/flux-2-pro", ContractCalls.generate("flux-2-pro", 1024, 1024));
    }
}
