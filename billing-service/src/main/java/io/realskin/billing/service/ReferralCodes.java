package io.realskin.billing.service;

import java.security.SecureRandom;

/** Referral codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L). */
final class ReferralCodes {
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    static String next() {
        StringBuilder code = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private ReferralCodes() {
    }
}
