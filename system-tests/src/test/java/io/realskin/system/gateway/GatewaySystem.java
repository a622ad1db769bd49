package io.realskin.system.gateway;

import com.sun.net.httpserver.HttpServer;
import io.realskin.contracts.ApiKeys;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import io.realskin.local.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The five services on the local stack, once per test JVM, with a webhook receiver the gateway is allowed to call
 * (named in REALSKIN_WEBHOOKS_ALLOWED_HOSTS, the only exemption from the public-https rule).
 */
final class GatewaySystem {
    private static LocalDeployment deployment;
    private static HttpServer receiver;
    static final List<Map<String, String>> WEBHOOKS = new CopyOnWriteArrayList<>();

    static synchronized LocalDeployment get() {
        if (deployment == null) {
            startReceiver();
            LocalStack stack = LocalStack.shared();
            LocalDeployment started = new LocalDeployment(projectRoot(), stack, LocalDeployment.anyFreePorts(), ApiKeys.generate(false));
            stack.closeBefore(started);
            List<ServiceProcess> processes = new ArrayList<>();
            for (RealSkinService s : RealSkinService.values()) {
                String url = started.url(s);
                int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
                Map<String, String> extra = s == RealSkinService.GATEWAY
                        ? Map.of("REALSKIN_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1:" + receiver.getAddress().getPort(),
                                "REALSKIN_WEBHOOKS_RETRY_SCHEDULE", "2s,2s")
                        : Map.of();
                processes.add(started.start(s, port, extra));
            }
            LocalDeployment.awaitReady(processes);
            deployment = started;
        }
        return deployment;
    }

    static String gateway() {
        return get().url(RealSkinService.GATEWAY);
    }

    static String billing() {
        return get().url(RealSkinService.BILLING);
    }

    static String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static void startReceiver() {
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            receiver.createContext("/", x -> {
                Map<String, String> got = new java.util.HashMap<>();
                x.getRequestHeaders().forEach((k, v) -> got.put(k.toLowerCase(), String.join(",", v)));
                got.put("body", new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                got.put("path", x.getRequestURI().getPath());
                WEBHOOKS.add(got);
                x.sendResponseHeaders(204, -1);
                x.close();
            });
            receiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path projectRoot() {
        String root = System.getProperty("realskin.root");
        return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
    }

    private GatewaySystem() {
    }
}
