package io.realskin.local;

import io.realskin.contracts.Topics;
import java.util.List;
import java.util.Map;

/**
 * What {@code deploy/local/up} was asked for: {@code --texture-workers N} (or {@code REALSKIN_TEXTURE_WORKERS}) texture
 * worker processes, and {@code --monitoring} for a Prometheus beside the stack.
 */
public record LocalRunOptions(int textureWorkers, boolean monitoring) {
    public static final String USAGE = """
            usage: deploy/local/up [--texture-workers N] [--monitoring]
              --texture-workers N  N texture worker processes in the group texture-workers (1 to %d, the partitions
                                   of texture.requests; env REALSKIN_TEXTURE_WORKERS), default 1
              --monitoring         a Prometheus with RealSkin's alert rules beside the stack (Debian: apt-get install prometheus)
            """.formatted(maxTextureWorkers());

    /** @throws IllegalArgumentException with the reason, for the usage message */
    public static LocalRunOptions parse(List<String> args, Map<String, String> env) {
        String workers = env.get("REALSKIN_TEXTURE_WORKERS");
        boolean monitoring = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--monitoring")) {
                monitoring = true;
            } else if (arg.equals("--texture-workers") && i + 1 < args.size()) {
                workers = args.get(++i);
            } else if (arg.startsWith("--texture-workers=")) {
                workers = arg.substring("--texture-workers=".length());
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new LocalRunOptions(workers == null || workers.isBlank() ? 1 : textureWorkers(workers.trim()), monitoring);
    }

    private static int textureWorkers(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the number of texture workers is not a number: " + value);
        }
        if (n < 1 || n > maxTextureWorkers()) {
            throw new IllegalArgumentException("texture workers must be 1 to " + maxTextureWorkers()
                    + " (a worker beyond the partitions of " + Topics.TEXTURE_REQUESTS + " would get no work): " + n);
        }
        return n;
    }

    private static int maxTextureWorkers() {
        return Topics.ALL.stream().filter(t -> t.name().equals(Topics.TEXTURE_REQUESTS)).findFirst().orElseThrow().partitions();
    }
}
