package io.realskin.system.gateway;

import io.realskin.local.LocalDeployment;
import io.realskin.system.RealSkinSystem;
import io.realskin.system.WebhookReceiver;
import java.util.List;
import java.util.Map;

/** The gateway system tests' view of the JVM's one deployment ({@link RealSkinSystem}) and its webhook receiver. */
final class GatewaySystem {
    static final List<Map<String, String>> WEBHOOKS = WebhookReceiver.RECEIVED;

    static LocalDeployment get() {
        return RealSkinSystem.get();
    }

    static String gateway() {
        return RealSkinSystem.gateway();
    }

    static String billing() {
        return RealSkinSystem.billing();
    }

    static String receiverUrl(String path) {
        return WebhookReceiver.url(path);
    }

    private GatewaySystem() {
    }
}
