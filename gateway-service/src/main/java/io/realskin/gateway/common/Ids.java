package io.realskin.gateway.common;

import java.security.SecureRandom;

/** Public ids: a type prefix and 20 random base62 characters (about 119 bits), e.g. {@code job_4fT...}. */
public final class Ids {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String job() {
        return random("job_");
    }

    public static String image() {
        return random("img_");
    }

    public static String profile() {
        return random("prf_");
    }

    public static String key() {
        return random("key_");
    }

    public static String tenant() {
        return random("ten_");
    }

    /** A webhook message id: the {@code webhook-id} header, the same on every retry of one delivery. */
    public static String webhookMessage() {
        return random("msg_");
    }

    public static String webhookSecret() {
        return random("whs_");
    }

    private static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 20; i++) {
            id.append(BASE62.charAt(RANDOM.nextInt(62)));
        }
        return id.toString();
    }

    private Ids() {
    }
}
