package io.realskin.gateway;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test client of GET /v1/jobs/{id}/events as text/event-stream: reads the events as they come, in a thread of its own. */
final class SseStream implements AutoCloseable {
    /** Generous: the machine may be busy; a stream that keeps its promise answers long before. */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Event(String name, String id, String data) {
    }

    private static final Event END = new Event(null, null, null);

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> otherLines = new ArrayList<>();
    private boolean ended;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() != 200) { // a problem or an empty answer: read it all now
            response.body().forEach(otherLines::add);
            events.add(END);
            return;
        }
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseStream open(URL base, String key, String job, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/v1/jobs/" + job + "/events"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        return new SseStream(response.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event; fails when none comes within {@link #WAIT}; null when the stream has ended. */
    Event next() throws InterruptedException {
        if (ended) {
            return null;
        }
        Event event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT + "; lines other than events: " + lines());
        }
        if (event == END) {
            ended = true;
            return null;
        }
        return event;
    }

    /** Every event until the server ends the stream. */
    List<Event> untilEnd() throws InterruptedException {
        List<Event> all = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            all.add(e);
        }
        return all;
    }

    /** The body of an answer that is not a stream (a problem), or the comment lines of a stream. */
    synchronized String lines() {
        return String.join("\n", otherLines);
    }

    @Override
    public void close() {
        response.body().close();
    }

    static List<String> names(List<Event> events) {
        return events.stream().map(Event::name).toList();
    }

    static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try {
            Iterator<String> it = response.body().iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring(5).strip());
                } else {
                    synchronized (this) {
                        otherLines.add(line);
                    }
                }
            }
        } catch (RuntimeException closed) {
            // closed by the test
        } finally {
            events.add(END);
        }
    }
}
