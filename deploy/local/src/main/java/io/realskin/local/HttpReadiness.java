package io.realskin.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a process of the stack to answer 200 on a readiness URL; fails early if the process ends. */
final class HttpReadiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static void await(String name, Process process, URI url, Duration timeout, Path logFile) {
        await(name, process, url, timeout, logFile, null);
    }

    /**
     * @param identity text only this process's answer contains, or null. A port found free and then taken by another
     *                 process (a second stack starting at the same moment) is answered by that process, ready or not,
     *                 while this one fails to bind and exits: only an answer with the identity counts.
     */
    static void await(String name, Process process, URI url, Duration timeout, Path logFile, String identity) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        String foreign = null; // another process's answer, kept: a later timeout must not hide it
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && (identity == null || response.body().contains(identity))) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
                if (identity != null && !response.body().contains(identity)) {
                    foreign = last;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " ("
                + (foreign == null ? last : "another process answers: " + foreign) + "); see " + logFile);
    }

    private HttpReadiness() {
    }
}
