package io.realskin.texture.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.FailureCodes;
import io.realskin.contracts.TextureOperation;
import io.realskin.contracts.TextureRequest;
import io.realskin.imaging.ImageFormat;
import io.realskin.texture.engine.ProgressListener;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.SourceRestoreOptions;
import io.realskin.texture.engine.SourceRestoreResult;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.TextureProfile;
import io.realskin.texture.json.TextureJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The texture engine behind the worker: restore, local (user mask), reference (photo or profile), analyze,
 * source-restore. A JPEG restored to JPEG takes the engine's coefficient path (untouched blocks bit-exact). A restore
 * reports each face (the level applied, or the one auto intensity chose) and its locality receipt.
 */
@ApplicationScoped
public class EngineTextureProcessor implements TextureProcessor {
    /** Where each engine stage starts, as the job's overall percentage. */
    private static final Map<String, Integer> STAGE_START = Map.of("detection", 5, "synthesis", 30, "encode", 85,
            "locality", 95);

    private final TextureEngine engine;
    private final TextureWorkerPool pool;
    private final SourceRestoreHeap heap;

    public EngineTextureProcessor(TextureEngine engine, TextureWorkerPool pool, SourceRestoreHeap heap) {
        this.engine = engine;
        this.pool = pool;
        this.heap = heap;
    }

    @Override
    public TextureResult process(String tenantId, TextureRequest request, TextureInputs inputs, ProgressSink progress) {
        if (request.operation() == TextureOperation.ANALYZE) {
            progress.stage("detection", STAGE_START.get("detection"));
            return analyze(inputs.image());
        }
        if (request.operation() == TextureOperation.SOURCE_RESTORE) {
            progress.stage("restore", STAGE_START.get("detection"));
            return sourceRestore(tenantId, request, inputs.image());
        }
        RestoreOptions options = RestoreOptions.defaults()
                .withIntensity(request.intensityOrDefault())
                .withAutoIntensity(request.autoIntensityOrDefault())
                .withSeed(request.seed() == null ? 0L : request.seed())
                .withThreads(pool.threadsPerJob())
                .withProgress(stageStarts(progress));
        if (request.outputFormat() != null) {
            options = options.withOutputFormat(TextureRequest.PNG.equals(request.outputFormat()) ? ImageFormat.PNG : ImageFormat.JPEG);
        }
        if (request.operation() == TextureOperation.LOCAL) {
            require(inputs.mask(), "a local restore needs maskKey");
        }
        if (inputs.mask() != null) { // a reference restore with a mask works inside it too
            options = options.withMask(inputs.mask());
        }
        if (request.operation() == TextureOperation.REFERENCE) {
            options = inputs.profile() != null
                    ? options.withProfile(profile(inputs.profile()))
                    : options.withReference(require(inputs.reference(), "a reference restore needs referenceKey or profileKey"));
        }
        RestoreResult r = engine.restore(inputs.image(), options);
        return new TextureResult(r.bytes(), r.contentType(), r.format().extension(), r.width(), r.height(),
                r.plasticScoreBefore(), r.plasticScoreAfter(), r.maskedFraction(), null,
                TextureJson.faceRestores(r.faceRestores()), TextureJson.locality(r.locality()));
    }

    private TextureResult sourceRestore(String tenantId, TextureRequest request, byte[] image) {
        SourceRestoreResult r = engine.sourceRestore(image, SourceRestoreOptions.defaults()
                .withUpscale(request.upscaleOrDefault()).withDenoise(request.denoiseOrDefault()).withThreads(pool.threadsPerJob())
                .withHeap(heap.forTenant(tenantId)));
        return new TextureResult(r.bytes(), r.contentType(), r.format().extension(), r.width(), r.height(), null, null, null,
                null, null, null);
    }

    private TextureResult analyze(byte[] image) {
        ScoreReport report = engine.score(image);
        return new TextureResult(null, null, null, report.width(), report.height(), report.plasticScore(), null, null,
                scoreJson(report), null, null);
    }

    /** The engine's score document (the CLI's {@code score} line without {@code file}). */
    public static JsonNode scoreJson(ScoreReport report) {
        return TextureJson.score(report, null);
    }

    private static TextureProfile profile(byte[] json) {
        try {
            return TextureJson.readProfile(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new JobRejectedException(FailureCodes.BAD_REQUEST, "profileKey names no texture profile: " + e.getMessage());
        }
    }

    private static byte[] require(byte[] input, String message) {
        if (input == null) {
            throw new JobRejectedException(FailureCodes.BAD_REQUEST, message);
        }
        return input;
    }

    /** Reports each engine stage once, when it starts (the engine reports fractions within stages). */
    private static ProgressListener stageStarts(ProgressSink sink) {
        Set<String> seen = new HashSet<>();
        return (stage, fraction) -> {
            if (seen.add(stage)) {
                sink.stage(stage, STAGE_START.getOrDefault(stage, 50));
            }
        };
    }
}
