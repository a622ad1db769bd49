import com.sun.management.ThreadMXBean;
import io.realskin.contracts.blob.BlobDigest;
import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.FileSystemBlobStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The heap the gateway spends hashing a finished job's result (JobEventService): the blob read whole and hashed
 * (before) beside the blob streamed through BlobDigest (now), on the directory store. Prints the bytes one thread
 * allocates per result, then hashes {@code jobs} results at once and says whether the heap (-Xmx) held.
 *
 * Run: bench/gateway/result-hash.sh [megabytes=30] [jobs=8]
 */
public class ResultHashMemory {
    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createTempDirectory("result-hash");
        FileSystemBlobStore store = new FileSystemBlobStore(dir);
        byte[] result = new byte[megabytes * 1024 * 1024];
        new Random(1).nextBytes(result);
        for (int i = 0; i < jobs; i++) {
            store.put("results/t/job-" + i, result);
        }
        result = null;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("max heap %d MiB, %d results of %d MiB%n", Runtime.getRuntime().maxMemory() >> 20, jobs, megabytes);
        for (String way : List.of("whole", "streamed")) {
            long before = threads.getCurrentThreadAllocatedBytes();
            hash(store, way, "results/t/job-0");
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.printf("%-8s one result: %,d bytes allocated%n", way, allocated);
        }
        for (String way : List.of("whole", "streamed")) {
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                String key = "results/t/job-" + i;
                done.add(pool.submit((Callable<String>) () -> hash(store, way, key)));
            }
            String outcome = "held";
            for (Future<String> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = e.getCause().getClass().getSimpleName();
                }
            }
            pool.shutdown();
            System.out.printf("%-8s %d results at once: %s%n", way, jobs, outcome);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String hash(FileSystemBlobStore store, String way, String key) throws Exception {
        if (way.equals("whole")) {
            return BlobKeys.sha256Hex(store.get(key).orElseThrow());
        }
        return store.read(key, BlobDigest::of).orElseThrow().sha256();
    }
}
