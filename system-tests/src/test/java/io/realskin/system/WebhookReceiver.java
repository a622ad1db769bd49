package io.realskin.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback endpoint that records the webhooks the gateway delivers (headers, body, path), answering 204. */
public final class WebhookReceiver {
    public static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                Map<String, String> got = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> got.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                got.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                got.put("path", exchange.getRequestURI().getPath());
                RECEIVED.add(got);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    public static String url(String path) {
        return "http://127.0.0.1:" + start() + path;
    }

    private WebhookReceiver() {
    }
}
