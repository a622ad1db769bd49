package io.realskin.system;

import io.realskin.contracts.ApiKeys;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import java.nio.file.Path;
import java.util.Map;

/**
 * The product as deployed, once per test JVM: the local stack and the five services, each its own JVM. The gateway may
 * call the test's {@link WebhookReceiver} (the only exemption from its public-https rule) and retries webhooks fast.
 */
public final class RealSkinSystem {
    private static LocalDeployment deployment;

    public static synchronized LocalDeployment get() {
        if (deployment == null) {
            LocalStack stack = LocalStack.shared();
            LocalDeployment started = new LocalDeployment(projectRoot(), stack, LocalDeployment.anyFreePorts(),
                    ApiKeys.generate(false));
            stack.closeBefore(started);
            deployment = started.startAll(Map.of(RealSkinService.GATEWAY, Map.of(
                    "REALSKIN_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1:" + WebhookReceiver.start(),
                    "REALSKIN_WEBHOOKS_RETRY_SCHEDULE", "2s,2s")));
        }
        return deployment;
    }

    public static String gateway() {
        return get().url(RealSkinService.GATEWAY);
    }

    public static String billing() {
        return get().url(RealSkinService.BILLING);
    }

    public static Path projectRoot() {
        String root = System.getProperty("realskin.root");
        return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
    }

    private RealSkinSystem() {
    }
}
