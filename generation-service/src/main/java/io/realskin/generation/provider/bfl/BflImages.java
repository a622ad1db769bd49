package io.realskin.generation.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.ImageModels;
import io.realskin.generation.provider.AllowedHosts;
import io.realskin.generation.provider.CallContext;
import io.realskin.generation.provider.ErrorBody;
import io.realskin.generation.provider.ImageProvider;
import io.realskin.generation.provider.ProviderCall;
import io.realskin.generation.provider.ProviderFailure;
import io.realskin.generation.provider.ProviderAnswer;
import io.realskin.generation.provider.ProviderHttp;
import io.realskin.generation.provider.ProviderImage;
import io.realskin.generation.provider.ReferenceInstruction;
import io.realskin.generation.provider.RetryAfter;
import io.realskin.generation.provider.TaskJournal;
import io.realskin.generation.resilience.Pauser;
import io.realskin.imaging.ImageLimits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Black Forest Labs FLUX (https://docs.bfl.ai): {@code POST /v1/<model>} with {@code x-key} answers {@code {id,
 * polling_url}}; the task is kept in the job's journal, then {@code polling_url} is polled as given (it may name a
 * regional host; only allowed hosts are contacted) with a growing pause until {@code Ready}, {@code Request
 * Moderated}, {@code Content Moderated}, {@code Error} (or {@code Failed}, which BFL's quick start also ends on) or
 * {@code Task not found}. {@code result.sample} is downloaded
 * at once, without {@code x-key}, and never stored (it expires in about 10 minutes). A kept task is polled again
 * after a restart; a task or sample that is gone is submitted once more, at most once per job ({@link #MAX_TASKS}); a
 * task that ended in {@code Error} or {@code Failed} is not (the job fails {@code provider_unavailable}).
 */
public final class BflImages implements ImageProvider {
    private static final long MAX_POLL_ANSWER = 1024 * 1024;
    /**
     * The most pixels a reference goes to BFL with: FLUX.2 bills input images by the megapixel (black-forest-labs/skills
     * {@code SKILL.md}: "(firstMP + (outputMP-1) * mpPrice) + (inputMP * mpPrice)"; {@code input_mp} in the submit's
     * answer), and makes at most 4 MP ({@link BflSizes}); ComfyUI's BFL FLUX.2 nodes likewise scale each reference down
     * to at most 2048x2048 pixels before they send it.
     */
    public static final long MAX_REFERENCE_PIXELS = BflSizes.MAX_PIXELS;
    /** Tasks one job pays for, per model: its first, and one in place of a task whose result is gone. */
    static final int MAX_TASKS = 2;

    private final ProviderHttp http;
    private final Pauser pauser;
    private final AllowedHosts samples;

    public BflImages(ProviderHttp http, Pauser pauser) {
        this.http = http;
        this.pauser = pauser;
        this.samples = BflDelivery.hosts(http.settings());
    }

    @Override
    public String name() {
        return ImageModels.BFL;
    }

    /** The task's result is gone (Task not found, or an expired sample URL): only a new task can give the image. */
    private static final class Gone extends RuntimeException {
        Gone(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public ProviderImage create(ProviderCall call, CallContext context) {
        TaskJournal.KeptTask task = context.tasks().latest().orElse(null);
        if (task == null || task.id() == null) {
            task = submit(call, context, task == null ? 1 : task.sequence() + 1, null);
        }
        try {
            return image(await(task, context), task);
        } catch (Gone gone) {
            context.requireNotCanceled();
            TaskJournal.KeptTask again = submit(call, context, task.sequence() + 1, gone.getMessage());
            try {
                return image(await(again, context), again);
            } catch (Gone twice) {
                throw ProviderFailure.unavailableFinal("bfl: " + twice.getMessage() + ", after a new task for " + gone.getMessage());
            }
        }
    }

    /**
     * A new task needs {@code submit-min-time} left ({@link #requireTimeToSubmit}); a kept task, already paid, is polled
     * with whatever is left.
     */
    @Override
    public Duration leastTimeToStart(CallContext context) {
        return context.tasks().latest().filter(task -> task.id() != null).isPresent() ? Duration.ZERO : http.settings().submitMinTime();
    }

    /** The downloaded sample's bytes as the image; the answer is closed. */
    private static ProviderImage image(ProviderAnswer sample, TaskJournal.KeptTask task) {
        try (sample) {
            return new ProviderImage(sample.bytes(), task.id(), sample.receivedAt());
        }
    }

    /** {@code replacing}: why the task before is gone (this one takes its place), or null. */
    private TaskJournal.KeptTask submit(ProviderCall call, CallContext context, int sequence, String replacing) {
        requireTimeToSubmit(context);
        requireUnpaid(context, replacing);
        HttpRequest.Builder request = http.request("/v1/" + call.providerModel())
                .header("Content-Type", "application/json")
                .header("accept", "application/json")
                .header("x-key", http.settings().apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(call.isEdit() ? fill(call) : generate(call))));
        context.progress().stage("submitted", 10);
        JsonNode json;
        try (ProviderAnswer answer = submitOnce(request, context)) {
            if (!answer.ok()) {
                throw answer.status() == 404 ? noSuchModel(call.providerModel(), answer) : failure(answer);
            }
            json = answer.requireJson(name());
        }
        String id = json.path("id").asText("");
        String pollingUrl = json.path("polling_url").asText("");
        if (id.isEmpty() || pollingUrl.isEmpty()) {
            throw ProviderFailure.rejected("bfl: the answer has no id or polling_url");
        }
        http.hosts().require(pollingUrl, "bfl: polling_url");
        TaskJournal.KeptTask task = new TaskJournal.KeptTask(sequence, id, pollingUrl);
        context.tasks().keep(task);
        context.progress().stage("provider-queued", 20);
        return task;
    }

    /**
     * A job pays for at most {@value #MAX_TASKS} tasks of a model: its first and one in place of a task that is gone
     * (Task not found, an expired sample: only a new task gives the image). Within one create() a second gone task ends
     * the call; this bounds the rest, across the guard's attempts (a sample download that failed on 5xx is retried
     * by polling the kept task again) and redeliveries, which each started with the latest kept task and could pay for
     * one more whenever it was gone.
     */
    private static void requireUnpaid(CallContext context, String replacing) {
        int paid = context.tasks().submitted();
        if (paid >= MAX_TASKS) {
            throw ProviderFailure.unavailableFinal("bfl: no task submitted: this job has paid for " + paid + " tasks already, the most"
                    + " one job pays for (its first and one in place of a gone one)" + (replacing == null ? "" : "; " + replacing));
        }
    }

    /**
     * A task is paid once submitted and polled only until the job's deadline: one submitted with less than
     * {@code submit-min-time} left (the job's wait for a lane thread and a provider slot took the rest) would likely be
     * paid and never fetched. The call fails instead, nothing submitted; a fallback model, with its own time, applies.
     */
    private void requireTimeToSubmit(CallContext context) {
        Duration least = http.settings().submitMinTime();
        Duration left = context.remaining();
        if (left.compareTo(least) < 0) {
            throw ProviderFailure.unavailableFinal("bfl: no task submitted: " + left.toSeconds() + " s of the job's time were left"
                    + " (its wait for a worker and a provider slot took the rest), less than the " + least.toSeconds()
                    + " s a task is given (submit-min-time); nothing was paid");
        }
    }

    /**
     * The submit's answer. A submit that left and got no answer (a timeout, a connection lost after it was made) is not
     * sent again: BFL may have accepted it, and each accepted task is paid, while its id, the only way to poll it, never
     * came back. BFL's own client does not retry it either (black-forest-labs/skills python-client.py retries 429 and
     * 5xx answers only). A connection that could not be made is retried as before.
     */
    private ProviderAnswer submitOnce(HttpRequest.Builder request, CallContext context) {
        try {
            return http.exchange(request, context, MAX_POLL_ANSWER);
        } catch (ProviderFailure f) {
            if (f.unanswered()) {
                throw f.exhausted("not submitted again: BFL may have accepted and billed a task whose id never came back");
            }
            throw f;
        }
    }

    /**
     * A generation's body, sized as the model's family takes it ({@link BflSizes}): FLUX.2 {@code width} and
     * {@code height}; FLUX 1.1 [pro] and FLUX.1 [pro]/[dev] theirs (256 to 1440, multiples of 32); FLUX.1 Kontext and
     * FLUX 1.1 [pro] Ultra, which have neither and would make their default ratio, {@code aspect_ratio}. References
     * beyond the model's input images fail {@code bad_request} before anything is sent, rather than go unread.
     */
    private ObjectNode generate(ProviderCall call) {
        String model = call.providerModel();
        List<ProviderCall.Reference> refs = call.references();
        int most = BflSizes.maxInputImages(model);
        if (refs.size() > most) {
            throw ProviderFailure.badRequest("bfl: " + model + (most == 0 ? " takes no input images" : " takes at most " + most
                    + " input images") + "; this job has " + refs.size() + " references: send fewer, or use a model that takes them all");
        }
        ObjectNode body = EventJson.MAPPER.createObjectNode()
                .put("prompt", ReferenceInstruction.append(call.prompt(), refs));
        if (BflSizes.takesAspectRatio(model)) {
            body.put("aspect_ratio", BflSizes.aspectRatio(model, call.width(), call.height()));
        } else if (BflSizes.takesFlux1Sides(model)) {
            int[] size = BflSizes.flux1Size(call.width(), call.height());
            body.put("width", size[0]).put("height", size[1]);
        } else {
            int[] size = BflSizes.size(call.width(), call.height());
            body.put("width", size[0]).put("height", size[1]);
        }
        body.put("output_format", call.outputFormat()).put("safety_tolerance", 2);
        if (call.seed() != null) {
            body.put("seed", call.seed());
        }
        for (int i = 0; i < refs.size(); i++) {
            body.put(i == 0 ? "input_image" : "input_image_" + (i + 1), Base64.getEncoder().encodeToString(refs.get(i).bytes()));
        }
        return body;
    }

    private static ObjectNode fill(ProviderCall call) {
        ObjectNode body = EventJson.MAPPER.createObjectNode()
                .put("image", Base64.getEncoder().encodeToString(call.edit().image()))
                .put("mask", Base64.getEncoder().encodeToString(call.edit().maskWhiteIsEdit()))
                .put("prompt", call.prompt())
                .put("output_format", call.outputFormat())
                .put("safety_tolerance", 2);
        if (call.seed() != null) {
            body.put("seed", call.seed());
        }
        return body;
    }

    private ProviderAnswer await(TaskJournal.KeptTask task, CallContext context) {
        URI poll = http.hosts().require(task.pollingUrl(), "bfl: polling_url");
        Duration pause = http.settings().pollInterval();
        int notFoundInARow = 0;
        for (int polls = 0; ; polls++) {
            context.requireNotCanceled(); // BFL documents no cancel of a task: we only stop polling it
            if (context.expired()) {
                throw ProviderFailure.unavailableFinal("bfl: task " + task.id() + " was not ready before the job's deadline");
            }
            Poll answered = pollOnce(poll, context);
            notFoundInARow = answered.notFound() ? notFoundInARow + 1 : 0;
            if (notFoundInARow >= http.settings().maxAttempts()) {
                // the task stays kept: a redelivery polls it again rather than paying for another
                throw ProviderFailure.unavailableFinal("bfl: the polling_url of task " + task.id() + " answered HTTP 404 "
                        + notFoundInARow + " times in a row (get_result documents no 404); no new task submitted");
            }
            JsonNode json = answered.json();
            if (json != null) {
                String status = json.path("status").asText("");
                switch (status) {
                    case "Ready" -> {
                        return download(json.path("result").path("sample").asText(""), task, context);
                    }
                    case "Request Moderated", "Content Moderated" -> throw ProviderFailure.moderated("bfl: " + status + said(json, "details"));
                    case "Error", "Failed" -> {
                        // final: BFL's pages say only "check the error details", its own client raises on Error without
                        // submitting again, and each new task is a new paid generation (a fallback model still applies)
                        context.tasks().keep(TaskJournal.KeptTask.ended(task));
                        throw ProviderFailure.unavailable("bfl: task " + task.id() + " ended in " + status + said(json, "error")
                                + said(json, "details"), null).retry(false, null);
                    }
                    case "Task not found" -> throw new Gone("task " + task.id() + " not found");
                    default -> context.progress().stage(polls == 0 ? "provider-queued" : "polling",
                            (int) Math.min(70, 20 + 100 * json.path("progress").asDouble(0) / 2));
                }
            }
            pauser.pause(min(atLeastAsked(pause, answered.retryAfter()), context.remaining()));
            pause = min(Duration.ofMillis((long) (pause.toMillis() * 1.5)), http.settings().pollMaxInterval());
        }
    }

    /** " " and the field's value (text as is, anything else as JSON), redacted; "" when the answer has none. */
    private String said(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isMissingNode() || value.isNull() ? "" : " " + http.redact(value.isTextual() ? value.asText() : value.toString());
    }

    /**
     * A poll's get_result answer, or none ({@code json} null) and how long the provider asked to wait before the next;
     * {@code notFound}: none because the polling URL answered HTTP 404.
     */
    private record Poll(JsonNode json, Duration retryAfter, boolean notFound) {
        Poll(JsonNode json, Duration retryAfter) {
            this(json, retryAfter, false);
        }
    }

    /**
     * One poll's answer as JSON; none when the poll itself failed in a way the next poll may not ({@link BflRetry}, a
     * timeout), with the wait its answer asked for, if any.
     */
    private Poll pollOnce(URI poll, CallContext context) {
        ProviderAnswer answer;
        try {
            answer = http.exchange(HttpRequest.newBuilder(poll).header("accept", "application/json")
                    .header("x-key", http.settings().apiKey()).GET(), context, MAX_POLL_ANSWER);
        } catch (ProviderFailure f) {
            if (f.retryable()) {
                return new Poll(null, f.retryAfter());
            }
            throw f;
        }
        try (answer) {
            if (answer.ok()) {
                return new Poll(statusAnswer(answer), null);
            }
            if (answer.status() == 404) {
                // get_result documents 200 (a task it does not know is status "Task not found" in it) and 422, no 404:
                // a proxy's or a regional host's, which says nothing of the task. Polled again, never paid for anew
                return new Poll(null, RetryAfter.of(answer.headers()), true);
            }
            ProviderFailure failure = failure(answer);
            if (failure.retryable()) {
                return new Poll(null, failure.retryAfter());
            }
            throw failure;
        }
    }

    /**
     * A 200 of get_result as its reference defines it: a JSON object with a textual {@code status} (ResultResponse). Any
     * other 200 (an HTML page, a JSON cut short, an object without a status) is no answer BFL documents: it fails
     * {@code provider_rejected} at once, as such an answer to OpenAI or Gemini does, instead of being taken for a task
     * still running and polled until the job's deadline.
     */
    private JsonNode statusAnswer(ProviderAnswer answer) {
        JsonNode json = answer.json();
        if (!json.path("status").isTextual() || json.path("status").asText().isBlank()) {
            String type = answer.header("content-type");
            throw ProviderFailure.rejected("bfl: the polling answer (HTTP " + answer.status() + (type == null ? "" : ", " + http.redact(type))
                    + ") is not a get_result JSON with a status");
        }
        return json;
    }

    private ProviderAnswer download(String sample, TaskJournal.KeptTask task, CallContext context) {
        if (sample.isEmpty()) {
            throw ProviderFailure.rejected("bfl: task " + task.id() + " is Ready without result.sample");
        }
        URI uri = samples.require(sample, "bfl: result.sample");
        context.progress().stage("downloading", 80);
        ProviderFailure last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                // no x-key: the sample URL is signed, and the key must not travel to the delivery host
                ProviderAnswer answer = http.exchange(HttpRequest.newBuilder(uri).GET(), context,
                        ImageLimits.DEFAULT.maxBytes() + 1);
                if (answer.ok()) {
                    return answer; // closed by image()
                }
                answer.close();
                if (answer.status() == 403 || answer.status() == 404 || answer.status() == 410) {
                    throw new Gone("the result.sample of task " + task.id() + " has expired (HTTP " + answer.status() + ")");
                }
                if (!BflRetry.retries(answer.status())) {
                    throw ProviderFailure.rejected("bfl: result.sample answered HTTP " + answer.status());
                }
                last = ProviderFailure.unavailable("bfl: result.sample answered HTTP " + answer.status(), RetryAfter.of(answer.headers()));
            } catch (ProviderFailure f) {
                if (!f.retryable()) {
                    throw f;
                }
                last = f;
            }
            if (attempt < 3) { // after the last, the guard's retry waits what it asked
                pauser.pause(min(atLeastAsked(http.settings().pollInterval(), last.retryAfter()), context.remaining()));
            }
        }
        throw last;
    }

    /**
     * A submit answered 404: each BFL model is its own path ({@code POST /v1/<model>}, api.bfl.ai/openapi.json), and the
     * API answers a path it does not have with FastAPI's 404 {@code {"detail":"Not Found"}}, so the model name sent is
     * one BFL has not (retired, renamed, mistyped): {@code provider_model_missing}, an operator's matter, as a 404 for a
     * model is at Gemini and OpenAI. Nothing was accepted, nothing paid.
     */
    private ProviderFailure noSuchModel(String model, ProviderAnswer answer) {
        JsonNode json = answer.json();
        return ProviderFailure.modelMissing("bfl: HTTP 404 for POST /v1/" + model + ": " + (json.has("detail")
                ? http.redact(json.get("detail").toString()) : ErrorBody.of(answer, http::redact)) + " (the provider has no such"
                + " model: it was retired or renamed; an operator must set its provider model name, realskin.providers.model-names)");
    }

    /**
     * Errors as https://docs.bfl.ai/api_integration/errors documents them. A wait is read from {@code Retry-After}, else
     * from the body's {@code retry_after} (seconds), which BFL's rate-limit reference shows in its 429 body
     * (black-forest-labs/skills, {@code skills/bfl-api/references/rate-limiting.md}).
     */
    private ProviderFailure failure(ProviderAnswer answer) {
        JsonNode json = answer.json();
        String message = "bfl: HTTP " + answer.status() + ": " + (json.has("detail") ? http.redact(json.get("detail").toString())
                : ErrorBody.of(answer, http::redact));
        Duration wait = RetryAfter.of(answer.headers());
        if (wait == null && json.path("retry_after").isNumber()) {
            wait = RetryAfter.parse(json.get("retry_after").asText());
        }
        boolean again = BflRetry.retries(answer.status());
        ProviderFailure failure = switch (answer.status()) {
            case 401, 403 -> ProviderFailure.auth("bfl", answer.status(), message);
            case 402 -> ProviderFailure.quota(message);
            // BFL's limit of active tasks per key ("retry once a previous task finishes"); the task was refused, not paid
            case 429 -> ProviderFailure.rateLimited(message, null).untilCapacity();
            default -> again ? ProviderFailure.unavailable(message, null) : ProviderFailure.rejected(message);
        };
        return failure.retry(again, again ? wait : null);
    }

    /**
     * The pause before the next poll or download: at least what an answer refused for now asked ({@code Retry-After},
     * RFC 9110 10.2.3, or the body's {@code retry_after}); {@code asked} null: the pause alone.
     */
    private static Duration atLeastAsked(Duration pause, Duration asked) {
        return asked != null && asked.compareTo(pause) > 0 ? asked : pause;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
