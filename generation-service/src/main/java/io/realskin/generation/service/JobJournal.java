package io.realskin.generation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventJson;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.generation.provider.TaskJournal;
import io.realskin.imaging.ImageFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one generation job has done, kept in the blob store beside its result so that a redelivered request is safe:
 * the terminal event (COMPLETED or FAILED; the first one stored wins and is what is published, again if need be) and
 * the provider tasks it submitted (BFL), so that a restarted job polls its task instead of paying for a new one.
 * Blobs are written once: a superseded task gets a record with the next sequence number.
 */
public final class JobJournal {
    private final BlobStore blobs;
    private final String prefix;

    JobJournal(BlobStore blobs, String tenantId, String jobId) {
        this.blobs = blobs;
        this.prefix = "generation/" + BlobKeys.sha256Hex(tenantId + '\n' + jobId) + "/";
    }

    /** Where the job's result image goes (fixed per job, so a second run overwrites nothing). */
    String resultKey(String tenantId, String jobId, String extension) {
        return BlobKeys.Kind.GENERATED.key(tenantId, BlobKeys.sha256Hex(tenantId + '\n' + jobId) + extension);
    }

    /**
     * Every key the job's result may have: its extension is the stored image's format (a provider answers in any format
     * the checks take), so a job that ended without a result has each of them deleted.
     */
    List<String> resultKeys(String tenantId, String jobId) {
        return Arrays.stream(ImageFormat.values()).map(format -> resultKey(tenantId, jobId, format.extension())).toList();
    }

    Optional<EventEnvelope> terminal() throws IOException {
        return blobs.get(prefix + "terminal.json").map(b -> EventJson.readEnvelope(new String(b, StandardCharsets.UTF_8)));
    }

    /** Stores the event unless one is stored; returns the stored one, which is what must be published. */
    EventEnvelope recordTerminal(EventEnvelope event) throws IOException {
        blobs.put(prefix + "terminal.json", EventJson.write(event).getBytes(StandardCharsets.UTF_8));
        return terminal().orElse(event);
    }

    /** The task journal of one model of this job, whose calls wait out an outage of the store. */
    TaskJournal tasks(String model, JobStoreCalls store) {
        String base = prefix + BlobKeys.sha256Hex(model).substring(0, 16) + "-task-";
        return new TaskJournal() {
            @Override
            public Optional<KeptTask> latest() {
                List<KeptTask> all = all();
                return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
            }

            @Override
            public int submitted() {
                return (int) all().stream().filter(task -> task.id() != null).count();
            }

            private List<KeptTask> all() {
                List<KeptTask> all = new ArrayList<>();
                for (int n = 1; ; n++) {
                    String key = base + n + ".json";
                    Optional<byte[]> stored = store.call("read the task journal " + key, () -> blobs.get(key));
                    if (stored.isEmpty()) {
                        return all;
                    }
                    JsonNode json;
                    try {
                        json = EventJson.MAPPER.readTree(stored.get());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // a journal that is no JSON: no outage, a bug
                    }
                    all.add(new KeptTask(n, json.path("id").asText(null), json.path("pollingUrl").asText(null)));
                }
            }

            @Override
            public void keep(KeptTask task) {
                var json = EventJson.MAPPER.createObjectNode();
                if (task.id() != null) {
                    json.put("id", task.id()).put("pollingUrl", task.pollingUrl());
                }
                String key = base + task.sequence() + ".json";
                byte[] bytes = EventJson.write(json).getBytes(StandardCharsets.UTF_8);
                store.call("keep the provider task " + key, () -> {
                    blobs.put(key, bytes);
                    return key;
                });
            }
        };
    }
}
