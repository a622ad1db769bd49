package io.realskin.generation.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.GenerationRequest;
import io.realskin.contracts.ImageModels;
import io.realskin.contracts.JobCompleted;
import io.realskin.contracts.JobFailed;
import io.realskin.contracts.JobStarted;
import io.realskin.contracts.JobTypes;
import io.realskin.contracts.Topics;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobTooLargeException;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.generation.config.GenerationConfig;
import io.realskin.generation.imaging.CheckedImage;
import io.realskin.generation.imaging.DecodeSlots;
import io.realskin.generation.imaging.ImageChecks;
import io.realskin.generation.imaging.InpaintInputs;
import io.realskin.generation.imaging.MaskCompositor;
import io.realskin.generation.imaging.OutgoingImage;
import io.realskin.support.messaging.JobCancels;
import io.realskin.generation.messaging.JobEventPublisher;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.JobCanceled;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.bfl.BflImages;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.support.messaging.BlobStoreWait;
import io.realskin.support.messaging.OwnBlobs;
import io.realskin.support.messaging.PoisonRecordException;
import io.realskin.support.messaging.RequestAge;
import io.realskin.support.messaging.RequestReader;
import io.realskin.support.messaging.UnwantedResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One generation job (docs/generation.md): a {@code generate} (prompt, optional texture references) or a
 * {@code skin-inpaint} (image and mask) request from generation.requests, worked by the model's provider (and its
 * fallbacks), the answer validated (and for inpainting composited into the original inside the mask), stored as a
 * blob, and reported on job.events: STARTED, PROGRESS, then COMPLETED with the usage billing captures, or FAILED with
 * a stable code. The outcome is journaled with the result, so a redelivered request re-emits it without paying twice.
 * A job canceled meanwhile (a CANCELED on job.events, {@link JobCancels}) stops before its next provider call,
 * fallback or poll, and ends FAILED {@code canceled} with no result stored; a job whose journaled outcome is FAILED, or
 * that was canceled, has a result an earlier step or run stored deleted first. Every call to the blob store (the journal,
 * the inputs, the result) waits out an outage of the store ({@link BlobStoreWait}) instead of failing the job; a
 * provider's answer waits in memory meanwhile and is not asked for again (docs/generation.md, "When the blob store is
 * away").
 */
@ApplicationScoped
public class GenerationJobService {
    private static final Logger LOG = Logger.getLogger(GenerationJobService.class);
    /** Failures another provider may not share; moderation and rejected requests are the job's own, never retried elsewhere. */
    static final Set<String> FALLBACK_ON = Set.of(FailureCodes.PROVIDER_NOT_CONFIGURED, FailureCodes.PROVIDER_UNAVAILABLE,
            FailureCodes.PROVIDER_QUOTA, FailureCodes.PROVIDER_AUTH, FailureCodes.PROVIDER_MODEL_MISSING);

    private final BlobStore blobs;
    private final Providers providers;
    private final FallbackChain fallbacks;
    private final JobEventPublisher events;
    private final GenerationMetrics metrics;
    private final GenerationConfig config;
    private final DecodeSlots decodes;
    private final ImageChecks checks;
    private final RequestReader requests;
    private final JobCancels cancels;
    private final InputMemory memory;
    private final BlobStoreWait store;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName();

    public GenerationJobService(BlobStore blobs, Providers providers, FallbackChain fallbacks, JobEventPublisher events,
                                GenerationMetrics metrics, GenerationConfig config, JobCancels cancels, InputMemory memory,
                                BlobStoreWait store) {
        this.blobs = blobs;
        this.providers = providers;
        this.fallbacks = fallbacks;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.cancels = cancels;
        this.memory = memory;
        this.store = store;
        this.decodes = providers.decodeSlots(); // one set of slots: answers read, images checked and composited
        this.checks = new ImageChecks(ImageLimits.DEFAULT, decodes);
        this.requests = new RequestReader(Topics.GENERATION_REQUESTS, GenerationRequest.class, "generation request", events,
                metrics::failed);
    }

    /** How a job ended: the terminal event, and for a completed one its provider and its own time so far. */
    private record Outcome(EventEnvelope event, String provider, FinishClock clock) {
        static Outcome failed(EventEnvelope request, String code, String message) {
            return new Outcome(terminal(EventTypes.FAILED, request, new JobFailed(code, message)), null, null);
        }
    }

    /**
     * Handles one record of generation.requests; returns normally when the job COMPLETED or FAILED for a reason of its
     * own.
     *
     * @throws PoisonRecordException after its FAILED event, for a record that breaks the contract (dead-lettered), such as
     *                               one naming another tenant's blob
     * @throws RuntimeException after a FAILED {@code internal} event, for anything unexpected (dead-lettered too)
     */
    public void handle(String key, String value) {
        handle(key, value, System.nanoTime());
    }

    /**
     * As {@link #handle(String, String)}, for a record this process took at {@code takenNanos} ({@link System#nanoTime()}):
     * the first model's time at its provider (its {@code job-timeout}) counts from then, its wait in the lane included.
     */
    public void handle(String key, String value, long takenNanos) {
        EventEnvelope request = requests.read(key, value);
        JobJournal journal = new JobJournal(blobs, request.tenantId(), request.jobId());
        JobStoreCalls calls = new JobStoreCalls(store, request);
        try {
            Optional<EventEnvelope> done = calls.call("read the job's journal", journal::terminal);
            if (done.isPresent()) {
                if (EventTypes.FAILED.equals(done.get().type())) {
                    deleteResults(request, journal); // again: the run that journaled it may have stopped before it did
                }
                events.publish(done.get());
                metrics.replayed();
                return;
            }
            GenerationRequest job = request.payloadAs(GenerationRequest.class);
            requireOwnBlobs(request, job);
            requireNotDatedAhead(request);
            Outcome outcome = run(request, job, journal, calls, takenNanos);
            EventEnvelope stored = calls.call("journal the outcome", () -> journal.recordTerminal(outcome.event()));
            lap(outcome, FinishClock.JOURNAL);
            if (EventTypes.FAILED.equals(stored.type())) {
                deleteResults(request, journal);
            }
            events.publish(stored);
            lap(outcome, FinishClock.PUBLISH);
            if (EventTypes.COMPLETED.equals(stored.type()) && outcome.provider() != null) {
                metrics.completed(outcome.provider(), outcome.clock());
            } else if (EventTypes.FAILED.equals(stored.type())) {
                String code = stored.payloadAs(JobFailed.class).code();
                metrics.failed(code);
                if (FailureCodes.CANCELED.equals(code)) {
                    metrics.canceled();
                }
            }
        } catch (BlobStoreWait.Canceled e) {
            // canceled while its journal waited for the store: the FAILED goes out unjournaled (the gateway has ended the job,
            // and a canceled job keeps no result: one this run or an earlier one stored is deleted, as far as the store lets)
            deleteResults(request, journal);
            metrics.canceled();
            fail(request, FailureCodes.CANCELED, e.getMessage());
        } catch (PoisonRecordException e) {
            fail(request, e.code(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "generation job %s failed", request.jobId());
            fail(request, FailureCodes.INTERNAL, "internal error");
            throw e;
        } catch (Error e) {
            throw JobErrors.failedAndRethrown(e, request.jobId(), () -> fail(request, FailureCodes.INTERNAL, "internal error"));
        }
    }

    /**
     * Deletes the job's result, under each key it may have, before a FAILED goes out (docs/generation.md, "A job that ends
     * without a result"): one stored by a run that was canceled while it journaled, or that crashed before it journaled.
     * Only for a job no COMPLETED can be published for: its journaled outcome is FAILED (the first journaled wins and is
     * what every run publishes), or it was canceled (the gateway keeps no result of a canceled job).
     */
    private void deleteResults(EventEnvelope request, JobJournal journal) {
        UnwantedResults.delete(blobs, store, request, journal.resultKeys(request.tenantId(), request.jobId()));
    }

    /** Every blob the record names is its tenant's ({@link OwnBlobs}), checked before any of them is read or sized. */
    private static void requireOwnBlobs(EventEnvelope request, GenerationRequest job) {
        List<String> keys = new ArrayList<>();
        if (job.imageKey() != null) {
            keys.add(job.imageKey());
        }
        if (job.maskKey() != null) {
            keys.add(job.maskKey());
        }
        if (job.referenceImages() != null) {
            job.referenceImages().forEach(ref -> keys.add(ref.key()));
        }
        keys.forEach(key -> OwnBlobs.require(request, key));
    }

    /**
     * How far a record's {@code occurredAt} may lie ahead of this worker's clock: the hosts' clocks differ by far less
     * (NTP), and a record dated further ahead is not the gateway's.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * A record dated ahead of now would never grow older than {@code max-request-age}: worked however late it came (its
     * credit hold long expired), and dated centuries ahead its wait for memory overflowed. It breaks the contract
     * (dead-lettered), checked before anything is read or asked.
     */
    private static void requireNotDatedAhead(EventEnvelope request) {
        Duration ahead = Duration.between(Instant.now(), request.occurredAt());
        if (ahead.compareTo(CLOCK_SKEW) > 0) {
            throw new PoisonRecordException(FailureCodes.BAD_REQUEST, "the request's occurredAt, " + request.occurredAt() + ", is "
                    + (ahead.toDays() > 0 ? ahead.toDays() + " days" : ahead.toMinutes() + " min") + " ahead of this worker's clock"
                    + " (at most " + CLOCK_SKEW.toMinutes() + " min are taken): it is not a request the gateway sent");
        }
    }

    private static Duration age(EventEnvelope request) {
        return Duration.between(request.occurredAt(), Instant.now());
    }

    private Outcome run(EventEnvelope request, GenerationRequest job, JobJournal journal, JobStoreCalls calls, long taken) {
        Optional<String> tooOld = RequestAge.tooOld(request, config.maxRequestAge(), Instant.now());
        if (tooOld.isPresent()) {
            return Outcome.failed(request, FailureCodes.EXPIRED, tooOld.get());
        }
        try {
            requireNotCanceled(request);
            return work(request, job, new JobContext(journal, calls, taken));
        } catch (JobCanceled | BlobStoreWait.Canceled e) {
            LOG.infof("job %s was canceled; stopped (%s)", request.jobId(), e.getMessage());
            return Outcome.failed(request, FailureCodes.CANCELED, e.getMessage());
        }
    }

    private void requireNotCanceled(EventEnvelope request) {
        if (cancels.isCanceled(request.tenantId(), request.jobId())) {
            throw new JobCanceled("canceled: the worker stopped before its next step");
        }
    }

    /**
     * What a job carries besides its request: its journal, its calls to the store, and when its record was taken (the
     * first model's {@code job-timeout} counts from then, its calls to the store before the provider call left out).
     */
    private record JobContext(JobJournal journal, JobStoreCalls calls, long taken) {
    }

    private Outcome work(EventEnvelope request, GenerationRequest job, JobContext ctx) {
        boolean inpaint = job.imageKey() != null || job.maskKey() != null;
        String operation = inpaint ? JobTypes.SKIN_INPAINT : JobTypes.GENERATE;
        if (inpaint && (job.imageKey() == null || job.maskKey() == null)) {
            return Outcome.failed(request, FailureCodes.BAD_REQUEST, "skin-inpaint needs both imageKey and maskKey");
        }
        int references = job.referenceImages() == null ? 0 : job.referenceImages().size();
        if (inpaint && references > 0) {
            // no gateway plans them (skin-inpaint takes none): refused before they are read, as they would be read outside
            // the input memory budget (which counts the image and mask) and never sent
            return Outcome.failed(request, FailureCodes.BAD_REQUEST, "skin-inpaint takes no reference images; this request names "
                    + references);
        }
        switch (ReferenceConsent.of(job, config.requireReferenceConsent())) {
            case REFUSED -> {
                LOG.warnf("job %s of tenant %s refused: %s", request.jobId(), request.tenantId(), ReferenceConsent.refusal(job));
                return Outcome.failed(request, FailureCodes.CONSENT_REQUIRED, ReferenceConsent.refusal(job));
            }
            case ABSENT_ACCEPTED -> {
                LOG.warnf("job %s has %d reference images and no consent field (a gateway of before the field); worked, as "
                        + "realskin.generation.require-reference-consent is false", request.jobId(), references);
                metrics.referencesWithoutConsent();
            }
            default -> {
            }
        }
        Optional<ImageModels.Model> model = ImageModels.find(job.model());
        if (model.isEmpty()) {
            return Outcome.failed(request, FailureCodes.BAD_REQUEST, "unknown model " + job.model() + "; known: " + ImageModels.ids());
        }
        String unfit = unfit(model.get(), inpaint, references);
        if (unfit != null) {
            return Outcome.failed(request, FailureCodes.BAD_REQUEST, unfit);
        }
        if (fallbacks.chain(job.model()).stream().map(id -> ImageModels.find(id).orElseThrow())
                .noneMatch(m -> unfit(m, inpaint, references) == null && providers.route(m).isPresent())) {
            return Outcome.failed(request, FailureCodes.PROVIDER_NOT_CONFIGURED, "model " + job.model() + " needs the "
                    + model.get().provider() + " provider, whose API key is not set");
        }
        List<String> inputKeys = inpaint ? List.of(job.imageKey(), job.maskKey())
                : job.referenceImages() == null ? List.of() : job.referenceImages().stream().map(GenerationRequest.ReferenceImage::key).toList();
        // before any is read
        long storedInputs = ctx.calls().call("size the input images", () -> InputMemory.storedBytes(blobs, inputKeys));
        if (!inpaint && storedInputs > GenerationRequest.MAX_REFERENCE_BYTES) {
            // the gateway refuses these, but a record can come from elsewhere or a replay (docs/generation.md, "Reference images")
            return Outcome.failed(request, FailureCodes.TOO_LARGE, "the " + references + " reference images add up to " + storedInputs
                    + " bytes; a job takes at most " + GenerationRequest.MAX_REFERENCE_BYTES);
        }
        events.publish(EventEnvelope.of(EventTypes.STARTED, request.tenantId(), request.jobId(), new JobStarted(worker)));
        Optional<InputMemory.Lease> lease = storedInputs == 0 ? Optional.empty()
                : memory.reserve(request.tenantId(), storedInputs, config.maxRequestAge().minus(age(request)));
        if (storedInputs > 0 && lease.isEmpty()) {
            return Outcome.failed(request, FailureCodes.EXPIRED, "the request waited " + age(request).toMinutes() + " min, more than "
                    + config.maxRequestAge().toMinutes() + " min, for this worker's memory for its " + storedInputs + " bytes of "
                    + "input images (other jobs' inputs took it): nothing was charged, submit it again");
        }
        try (InputMemory.Lease held = lease.orElse(null)) {
            requireNotCanceled(request); // the wait for memory may have lasted minutes
            return readAndWork(request, job, ctx, inpaint, operation);
        }
    }

    private Outcome readAndWork(EventEnvelope request, GenerationRequest job, JobContext ctx, boolean inpaint, String operation) {
        OutgoingReferences refs = new OutgoingReferences();
        List<String> providersOfChain = fallbacks.chain(job.model()).stream()
                .map(id -> ImageModels.find(id).map(ImageModels.Model::provider).orElse("")).toList();
        boolean toBfl = providersOfChain.contains(ImageModels.BFL);
        boolean toOthers = providersOfChain.stream().anyMatch(p -> !ImageModels.BFL.equals(p));
        try {
            for (GenerationRequest.ReferenceImage ref : job.referenceImages() == null ? List.<GenerationRequest.ReferenceImage>of()
                    : job.referenceImages()) {
                byte[] bytes = read(ctx, ref.key());
                ImageInfo info = checks.headerInfo(bytes);
                OutgoingImage asStored = !toOthers ? null : OutgoingImage.decodes(info) ? decodes.run(() -> OutgoingImage.of(bytes, info))
                        : OutgoingImage.of(bytes, info);
                long cap = BflImages.MAX_REFERENCE_PIXELS;
                OutgoingImage forBfl = !toBfl ? null : asStored != null && info.pixels() <= cap ? asStored
                        : OutgoingImage.decodes(info, cap) ? decodes.run(() -> OutgoingImage.of(bytes, info, cap)) : OutgoingImage.of(bytes, info, cap);
                refs.add(reference(asStored, ref.weight()), reference(forBfl, ref.weight()));
            }
            if (!inpaint) {
                return expiredWhileReading(request).orElseGet(() -> generate(request, job, ctx, operation, refs));
            }
            byte[] image = read(ctx, job.imageKey());
            checks.header(image);
            byte[] mask = read(ctx, job.maskKey());
            Optional<Outcome> expired = expiredWhileReading(request);
            if (expired.isPresent()) {
                return expired.get();
            }
            // decoded, turned into the providers' inputs and freed in the slot: no pixels are held through the provider call
            // OpenAI's edits take the image in its mask's format, PNG: a PNG of the image for a chain with an OpenAI model
            boolean png = fallbacks.chain(job.model()).stream().map(ImageModels::find)
                    .anyMatch(m -> m.filter(model -> ImageModels.OPENAI.equals(model.provider())).isPresent());
            InpaintInputs edit = decodes.run(() -> InpaintInputs.of(image, mask, png));
            if (edit.maskedFraction() == 0) {
                return Outcome.failed(request, FailureCodes.BAD_REQUEST, "the mask selects nothing: white marks what to rework");
            }
            return inpaint(request, job, ctx, edit, image, mask);
        } catch (BadInput e) {
            return Outcome.failed(request, e.code, e.getMessage());
        } catch (ImageRejectedException e) {
            return Outcome.failed(request, e.code(), e.getMessage());
        }
    }

    /**
     * A request that grew older than {@code max-request-age} while its inputs were read (a wait for the blob store) fails
     * {@code expired} before any provider call, as one that waited for a worker does.
     */
    private Optional<Outcome> expiredWhileReading(EventEnvelope request) {
        Duration age = age(request);
        if (age.compareTo(config.maxRequestAge()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(Outcome.failed(request, FailureCodes.EXPIRED, "the request is " + age.toMinutes() + " min old once its "
                + "input images were read (a wait for the blob store), more than " + config.maxRequestAge().toMinutes() + " min: its "
                + "credit hold would expire before the provider answered; nothing was charged, submit it again"));
    }

    private static ProviderCall.Reference reference(OutgoingImage image, double weight) {
        return image == null ? null : new ProviderCall.Reference(image.bytes(), image.contentType(), weight);
    }

    private Outcome generate(EventEnvelope request, GenerationRequest job, JobContext ctx, String operation, OutgoingReferences refs) {
        int width = job.width() == null ? config.defaultSize() : job.width();
        int height = job.height() == null ? config.defaultSize() : job.height();
        Answered answered = callChain(request, job, ctx, refs.size(), false,
                m -> new ProviderCall(m.providerModel(), job.prompt(), width, height, refs.forProvider(m.provider()), null, job.seed(),
                        job.outputFormatOrDefault()));
        if (answered.failure() != null) {
            return Outcome.failed(request, answered.failure().code(), answered.failure().getMessage());
        }
        CheckedImage out;
        try {
            out = checks.decodable(answered.image().bytes(), answered.image().receivedAt());
        } catch (ImageRejectedException e) {
            return unusable(request, answered, e);
        }
        answered.clock().lap(FinishClock.CHECK);
        requireNotCanceled(request); // a result nobody wants is not stored
        String resultKey = ctx.journal().resultKey(request.tenantId(), request.jobId(), out.format().extension());
        storeResult(ctx, resultKey, answered.image().bytes());
        answered.clock().lap(FinishClock.STORE);
        return completed(request, answered, new JobCompleted(resultKey, out.contentType(), out.width(), out.height(), null, null,
                usage(operation, answered, out.megapixels(), null), null));
    }

    private Outcome inpaint(EventEnvelope request, GenerationRequest job, JobContext ctx, InpaintInputs edit, byte[] image, byte[] mask) {
        ProviderCall.Edit inputs = new ProviderCall.Edit(edit.image(), edit.contentType(), edit.width(), edit.height(),
                edit.maskWhiteIsEdit(), edit.maskAlphaZeroIsEdit());
        Answered answered = callChain(request, job, ctx, 0, true,
                // lossless: the answer is blended into the original, whose result is a PNG
                m -> new ProviderCall(m.providerModel(), job.prompt(), edit.width(), edit.height(), List.of(), inputs, job.seed(),
                        GenerationRequest.PNG));
        if (answered.failure() != null) {
            return Outcome.failed(request, answered.failure().code(), answered.failure().getMessage());
        }
        MaskCompositor.Composite composite;
        try {
            // the compositor decodes all of the answer: that decode is its proof, after the header and limits
            checks.header(answered.image().bytes());
            answered.progress().stage("compositing", 90);
            composite = decodes.run(answered.image().receivedAt(), () -> MaskCompositor.composite(image, mask, answered.image().bytes()));
        } catch (ImageRejectedException e) {
            return unusable(request, answered, e);
        }
        answered.clock().lap(FinishClock.COMPOSITE);
        requireNotCanceled(request);
        String resultKey = ctx.journal().resultKey(request.tenantId(), request.jobId(), ".png");
        storeResult(ctx, resultKey, composite.png());
        answered.clock().lap(FinishClock.STORE);
        double megapixels = (double) composite.width() * composite.height() / 1e6;
        return completed(request, answered, new JobCompleted(resultKey, "image/png", composite.width(), composite.height(), null,
                null, usage(JobTypes.SKIN_INPAINT, answered, megapixels, edit.maskedFraction()), null));
    }

    /**
     * Stores the result, waiting for the store as long as it is away: the bytes stay in memory meanwhile, so the provider
     * is not asked (and paid) again when the store comes back.
     */
    private void storeResult(JobContext ctx, String resultKey, byte[] bytes) {
        ctx.calls().call("store the result " + resultKey, () -> {
            blobs.put(resultKey, bytes);
            return resultKey;
        });
    }

    /** A provider's answer, or why there is none, after the model and its fallbacks were tried. */
    private record Answered(ImageModels.Model model, String provider, ProviderImage image, FinishClock clock, ProviderFailure failure,
                            ProgressReporter progress) {
    }

    private Answered callChain(EventEnvelope request, GenerationRequest job, JobContext ctx, int references, boolean inpaint,
                               java.util.function.Function<ImageModels.Model, ProviderCall> callFor) {
        ProgressReporter progress = new ProgressReporter(events, request);
        List<String> chain = fallbacks.chain(job.model());
        ProviderFailure last = null;
        String lastModel = null;
        for (String id : chain) {
            requireNotCanceled(request);
            ImageModels.Model model = ImageModels.find(id).orElseThrow();
            if (lastModel != null) {
                if (unfit(model, inpaint, references) != null) {
                    continue;
                }
                progress.detail("fallback", 5, lastModel + " failed (" + last.code() + "); trying " + model.id());
            }
            lastModel = model.id();
            Optional<Providers.Route> route = providers.route(model);
            if (route.isEmpty()) {
                last = ProviderFailure.notConfigured("model " + model.id() + " needs the " + model.provider()
                        + " provider, whose API key is not set");
                continue;
            }
            Providers.Provider provider = route.get().provider();
            // the first model's time counts from when the record was taken (its wait in the lane), less its calls to the
            // blob store so far (a wait for the store is no time at the provider); a fallback's from now. The calls
            // during this one (a BFL task's journal) move its deadline likewise
            long storeBefore = ctx.calls().nanos();
            long from = id.equals(chain.get(0)) ? ctx.taken() + storeBefore : System.nanoTime();
            CallContext context = new CallContext(from + provider.settings().jobTimeout().toNanos(), progress,
                    ctx.journal().tasks(model.id(), ctx.calls()), () -> cancels.isCanceled(request.tenantId(), request.jobId()),
                    request.tenantId(), () -> ctx.calls().nanos() - storeBefore);
            ProviderCall call = callFor.apply(route.get().model()); // with this deployment's provider model name
            try {
                ProviderImage image = provider.guard().call(() -> provider.adapter().create(call, context),
                        () -> provider.adapter().leastTimeToStart(context), context,
                        (attempt, failure, delay) -> {
                            metrics.retried(provider.settings().name());
                            LOG.infof("job %s: %s attempt %d failed (%s), again in %d ms", request.jobId(), model.id(), attempt,
                                    failure.logDetail(), delay.toMillis());
                        });
                FinishClock clock = new FinishClock(image.receivedAt());
                clock.lap(FinishClock.READ);
                return new Answered(model, provider.settings().name(), image, clock, null, progress);
            } catch (ProviderFailure f) {
                LOG.warnf("job %s: %s failed: %s", request.jobId(), model.id(), f.logDetail());
                last = f;
                if (!FALLBACK_ON.contains(f.code())) {
                    break;
                }
            }
        }
        return new Answered(null, null, null, null, last, progress);
    }

    /** Why a model cannot do this job, or null. */
    private static String unfit(ImageModels.Model model, boolean inpaint, int references) {
        if (inpaint && !model.inpaints()) {
            return "model " + model.id() + " cannot inpaint (it takes no mask); inpainting models: "
                    + ImageModels.ALL.stream().filter(ImageModels.Model::inpaints).map(ImageModels.Model::id).toList();
        }
        if (!inpaint && !model.generates()) {
            return "model " + model.id() + " only inpaints: give it an imageId and a maskImageId";
        }
        if (references > model.maxReferenceImages()) {
            return "model " + model.id() + " takes at most " + model.maxReferenceImages() + " reference images, not " + references;
        }
        return null;
    }

    private static JobCompleted.Usage usage(String operation, Answered answered, double megapixels, Double maskedFraction) {
        return new JobCompleted.Usage(operation, answered.model().id(), megapixels, maskedFraction, answered.provider(),
                answered.image().requestId());
    }

    private static Outcome completed(EventEnvelope request, Answered answered, JobCompleted completed) {
        return new Outcome(terminal(EventTypes.COMPLETED, request, completed), answered.provider(), answered.clock());
    }

    private static void lap(Outcome outcome, String step) {
        if (outcome.clock() != null) {
            outcome.clock().lap(step);
        }
    }

    private static Outcome unusable(EventEnvelope request, Answered answered, ImageRejectedException e) {
        return Outcome.failed(request, FailureCodes.PROVIDER_REJECTED, answered.model().id() + " answered an unusable image: "
                + e.getMessage());
    }

    /** One terminal event per job and type: a re-emitted one carries the same eventId, so consumers drop it. */
    private static EventEnvelope terminal(String type, EventEnvelope request, Object payload) {
        UUID id = UUID.nameUUIDFromBytes((type + ":" + request.jobId()).getBytes(StandardCharsets.UTF_8));
        return new EventEnvelope(id, type, Instant.now(), request.tenantId(), request.jobId(), EventJson.MAPPER.valueToTree(payload));
    }

    /** A blob key of the request that is unsafe or names nothing. */
    private static final class BadInput extends RuntimeException {
        private final String code;

        BadInput(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private byte[] read(JobContext ctx, String key) {
        if (!BlobKeys.isSafe(key)) {
            throw new BadInput(FailureCodes.BAD_REQUEST, "unsafe blob key " + key);
        }
        // a missing blob is the store's answer, no outage: the job fails blob_missing; one over the image byte limit is
        // refused before it is read (a record could name any object), as the image checks would refuse it after
        try {
            return ctx.calls().call("read " + key, () -> blobs.get(key, ImageLimits.DEFAULT.maxBytes()))
                    .orElseThrow(() -> new BadInput(FailureCodes.BLOB_MISSING, "no blob under " + key));
        } catch (BlobTooLargeException e) {
            throw new BadInput(FailureCodes.TOO_LARGE, e.getMessage());
        }
    }

    private void fail(EventEnvelope request, String code, String message) {
        metrics.failed(code);
        events.publish(EventEnvelope.of(EventTypes.FAILED, request.tenantId(), request.jobId(), new JobFailed(code, message)));
    }
}
