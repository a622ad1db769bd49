import io.realskin.gateway.backends.ServiceTokens;
import io.realskin.local.ServiceKeys;
import java.util.Locale;
import java.util.Optional;

/**
 * What a service token costs the gateway per backend call: signing a new one (RS256, 2048-bit key) beside reusing one
 * of the same audience, tenant and scope, measured in one run on the gateway's own ServiceTokens.
 *
 * Run: bench/gateway/tokens.sh [rounds=5]
 */
public class ServiceTokenBench {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ServiceTokens tokens = new ServiceTokens(Optional.of(ServiceKeys.generate().signingKey()));
        int signs = 2_000;
        int reuses = 2_000_000;
        long sink = 0;
        int tenant = 0;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < signs; i++) {
                sink += tokens.token("billing-service", "ten_" + tenant++, "jobs:write").length(); // a new tenant: signed
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < reuses; i++) {
                sink += tokens.token("billing-service", "ten_hot", "jobs:write").length(); // the same one: reused
            }
            long t2 = System.nanoTime();
            double signMicros = (t1 - t0) / 1e3 / signs;
            double reuseMicros = (t2 - t1) / 1e3 / reuses;
            System.out.printf(Locale.ROOT, "%s: sign %.1f us/token, reuse %.3f us/token, ratio %.0fx | load %s%n",
                    round == 0 ? "warm-up" : "round " + round, signMicros, reuseMicros, signMicros / reuseMicros, load());
        }
        System.out.println(sink == 42 ? "" : "(done)");
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).substring(0, 14);
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
