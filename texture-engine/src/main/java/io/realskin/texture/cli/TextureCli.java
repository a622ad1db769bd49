package io.realskin.texture.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realskin.imaging.ImageFormat;
import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.concurrent.Parallel;
import io.realskin.texture.engine.ReceiptDigests;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.ScoreReport;
import io.realskin.texture.engine.SourceRestoreOptions;
import io.realskin.texture.engine.SourceRestoreResult;
import io.realskin.texture.engine.TextureEngine;
import io.realskin.texture.engine.TextureProfile;
import io.realskin.texture.json.TextureJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * texture-cli: restore, score, profile, batch. Exit codes: 0 ok, 2 bad input or an output that cannot be written
 * (message says why), 1 internal error.
 * Runs without Kafka or Quarkus: it only needs the engine.
 */
public final class TextureCli {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    /** The most bytes read from a file: the engine the CLI makes refuses more ({@link ImageLimits#DEFAULT}). */
    static final long MAX_FILE_BYTES = ImageLimits.DEFAULT.maxBytes();

    static final String USAGE = String.join("\n",
            "usage: texture-cli restore IN OUT [--intensity N|auto] [--mask M.png] [--reference R.jpg | --profile P.json] [--seed S] [--threads N]",
            "       texture-cli score IN...            one JSON object per line",
            "       texture-cli profile REF.jpg OUT.json",
            "       texture-cli batch IN_DIR OUT_DIR [restore options] [--threads N]",
            "       texture-cli source-restore IN OUT [--upscale 1|2] [--denoise auto|off] [--threads N]   clean a damaged or small photo",
            "--threads N: 0 (default) = every core, at most the cores",
            "exit codes: 0 ok, 2 bad input or an output that cannot be written, 1 internal error");

    /** Thrown for bad command lines, unreadable inputs and outputs that cannot be written: exit 2. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<TextureEngine> engineFactory;
    private TextureEngine engine;

    public TextureCli(PrintStream out, PrintStream err, Supplier<TextureEngine> engineFactory) {
        this.out = out;
        this.err = err;
        this.engineFactory = engineFactory;
    }

    public static void main(String[] args) {
        int code = new TextureCli(System.out, System.err, new Supplier<TextureEngine>() { // not a lambda: see Parallel#async
            @Override
            public TextureEngine get() {
                return new TextureEngine();
            }
        }).run(args);
        System.out.flush();
        System.exit(code);
    }

    private TextureEngine engine() {
        if (engine == null) {
            engine = engineFactory.get();
            // every command ends with a JSON line: Jackson's set-up runs beside the face models' load (the engine has
            // started it), not after the work
            Parallel.async(() -> {
                TextureJson.warmUp();
                return null;
            });
        }
        return engine;
    }

    public int run(String[] args) {
        try {
            if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
                (args.length == 0 ? err : out).println(USAGE);
                return args.length == 0 ? BAD_INPUT : OK;
            }
            List<String> rest = List.of(args).subList(1, args.length);
            return switch (args[0]) {
                case "restore" -> restore(rest);
                case "score" -> score(rest);
                case "profile" -> profile(rest);
                case "batch" -> batch(rest);
                case "source-restore" -> sourceRestore(rest);
                default -> throw new BadInput("unknown command '" + args[0] + "'\n" + USAGE);
            };
        } catch (BadInput e) {
            err.println("texture-cli: " + e.getMessage());
            return BAD_INPUT;
        } catch (ImageRejectedException e) {
            err.println("texture-cli: " + e.code() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception | Error e) {
            err.println("texture-cli: internal error: " + e);
            return INTERNAL;
        }
    }

    // ------------------------------------------------------------------ options

    record Parsed(List<String> positional, RestoreOptions options, int threads) {
    }

    static Parsed parse(List<String> args, boolean restoreOptions) {
        List<String> pos = new ArrayList<>();
        RestoreOptions o = RestoreOptions.defaults();
        int threads = threads(0);
        boolean reference = false, profile = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                pos.add(a);
                continue;
            }
            if (!restoreOptions) throw new BadInput("unknown option " + a);
            if (i + 1 >= args.size()) throw new BadInput(a + " needs a value");
            String v = args.get(++i);
            switch (a) {
                case "--intensity" -> {
                    if (v.equals("auto")) {
                        o = o.withAutoIntensity(true);
                    } else {
                        int n;
                        try {
                            n = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new BadInput("--intensity must be 0..100 or auto, was '" + v + "'");
                        }
                        if (n < 0 || n > 100) throw new BadInput("--intensity must be 0..100 or auto, was " + n);
                        o = o.withIntensity(n);
                    }
                }
                case "--mask" -> o = o.withMask(read(v, "mask"));
                case "--reference" -> {
                    reference = true;
                    o = o.withReference(read(v, "reference image"));
                }
                case "--profile" -> {
                    profile = true;
                    try {
                        o = o.withProfile(TextureJson.readProfile(new String(read(v, "profile"), StandardCharsets.UTF_8)));
                    } catch (IllegalArgumentException e) {
                        throw new BadInput("bad texture profile " + v + ": " + e.getMessage());
                    }
                }
                case "--seed" -> {
                    try {
                        o = o.withSeed(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new BadInput("--seed must be an integer, was '" + v + "'");
                    }
                }
                case "--threads" -> threads = threads(threadsArg(a, v));
                default -> throw new BadInput("unknown option " + a);
            }
        }
        if (reference && profile) throw new BadInput("use --reference or --profile, not both");
        return new Parsed(pos, o, threads);
    }

    /** --threads N as the API's threads: 0 is every core; more than the cores is the cores (no step uses more). */
    static int threads(int requested) {
        int cores = Runtime.getRuntime().availableProcessors();
        return requested == 0 ? cores : Math.min(requested, cores);
    }

    private static int threadsArg(String name, String v) {
        int n = intArg(name, v);
        if (n < 0) throw new BadInput(name + " must be 0 (every core) or more, was " + n);
        return n;
    }

    private static int intArg(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new BadInput(name + " must be an integer, was '" + v + "'");
        }
    }

    /**
     * The file's bytes, at most {@link #MAX_FILE_BYTES}: a larger file is too_large before it is read, and a device or
     * pipe, whose size is not known, is read up to one byte more than that.
     */
    static byte[] read(String file, String what) {
        Path path = Path.of(file);
        try {
            if (Files.isRegularFile(path)) {
                long size = Files.size(path);
                if (size > MAX_FILE_BYTES) {
                    throw ImageRejectedException.tooLarge(what + " " + file + " is " + size + " bytes, the limit is " + MAX_FILE_BYTES);
                }
                return Files.readAllBytes(path);
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw ImageRejectedException.tooLarge(what + " " + file + " is over the limit of " + MAX_FILE_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new BadInput(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInput("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ commands

    private int restore(List<String> args) {
        Parsed p = parse(args, true);
        if (p.positional().size() != 2) throw new BadInput("restore needs IN and OUT\n" + USAGE);
        Path in = Path.of(p.positional().get(0));
        Path outFile = Path.of(p.positional().get(1));
        RestoreResult r = restoreFile(in, outFile, p.options().withThreads(p.threads()));
        out.println(summary(in.toString(), outFile.toString(), r));
        return OK;
    }

    private RestoreResult restoreFile(Path in, Path outFile, RestoreOptions options) {
        ImageFormat format = outputFormat(outFile);
        OutputFile.check(outFile);
        byte[] bytes = read(in.toString(), "image");
        TextureEngine restorer = engine(); // the face models start loading
        ReceiptDigests.preferNss(); // the receipt's hashes, under this process's client compiler
        RestoreResult r = restorer.restore(bytes, options.withOutputFormat(format));
        OutputFile.write(outFile, r.bytes());
        return r;
    }

    /**
     * The format OUT's extension names, or null (the input's format) when it has none. An extension the engine does not
     * write is bad input: the input's format under that name (a JPEG in out.heic) is no answer to it.
     */
    static ImageFormat outputFormat(Path outFile) {
        String name = outFile.getFileName().toString();
        ImageFormat format = ImageFormat.fromFileName(name);
        int dot = name.lastIndexOf('.');
        if (format == null && dot > 0) {
            throw new BadInput("cannot write " + name.substring(dot) + " files (" + outFile + "): name OUT .jpg, .jpeg, .png, .webp,"
                    + " .tif, .tiff or .bmp, or without an extension for the input's format");
        }
        return format;
    }

    static String summary(String in, String outFile, RestoreResult r) {
        ObjectNode o = TextureJson.mapper().createObjectNode();
        o.put("file", in);
        o.put("out", outFile);
        o.put("faces", r.faces());
        o.put("width", r.width());
        o.put("height", r.height());
        o.put("plasticScoreBefore", TextureJson.round(r.plasticScoreBefore()));
        o.put("plasticScoreAfter", TextureJson.round(r.plasticScoreAfter()));
        o.put("maskedFraction", TextureJson.round(r.maskedFraction()));
        o.put("megapixels", Math.round(r.megapixels() * 1000) / 1000.0);
        if (r.jpeg() != null) o.set("jpeg", TextureJson.mapper().valueToTree(r.jpeg()));
        o.set("faceRestores", TextureJson.faceRestores(r.faceRestores()));
        o.set("locality", TextureJson.locality(r.locality()));
        return o.toString();
    }

    static String error(String file, String message) {
        ObjectNode o = TextureJson.mapper().createObjectNode();
        o.put("file", file);
        o.put("error", message);
        return o.toString();
    }

    private int sourceRestore(List<String> args) {
        List<String> pos = new ArrayList<>();
        SourceRestoreOptions o = SourceRestoreOptions.defaults();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                pos.add(a);
                continue;
            }
            if (i + 1 >= args.size()) throw new BadInput(a + " needs a value");
            String v = args.get(++i);
            switch (a) {
                case "--upscale" -> {
                    int n = intArg(a, v);
                    if (n != 1 && n != 2) throw new BadInput("--upscale must be 1 or 2, was " + n);
                    o = o.withUpscale(n);
                }
                case "--denoise" -> {
                    if (!v.equals("auto") && !v.equals("off")) throw new BadInput("--denoise must be auto or off, was '" + v + "'");
                    o = o.withDenoise(v.equals("auto"));
                }
                case "--threads" -> o = o.withThreads(threads(threadsArg(a, v)));
                default -> throw new BadInput("unknown option " + a);
            }
        }
        if (pos.size() != 2) throw new BadInput("source-restore needs IN and OUT\n" + USAGE);
        Path outFile = Path.of(pos.get(1));
        ImageFormat format = outputFormat(outFile);
        OutputFile.check(outFile);
        byte[] bytes = read(pos.get(0), "image");
        SourceRestoreResult r = engine().sourceRestore(bytes, o.withOutputFormat(format));
        OutputFile.write(outFile, r.bytes());
        ObjectNode line = TextureJson.mapper().createObjectNode();
        line.put("file", pos.get(0));
        line.put("out", outFile.toString());
        line.put("width", r.width());
        line.put("height", r.height());
        line.put("deblocked", r.deblocked());
        line.put("noiseSigma", TextureJson.round(r.noiseSigma()));
        line.put("denoised", r.denoised());
        out.println(line);
        return OK;
    }

    private int score(List<String> args) {
        Parsed p = parse(args, false);
        if (p.positional().isEmpty()) throw new BadInput("score needs at least one image\n" + USAGE);
        int code = OK;
        for (String f : p.positional()) {
            try {
                ScoreReport r = engine().score(read(f, "image"));
                out.println(TextureJson.score(r, f));
            } catch (BadInput | ImageRejectedException e) {
                String msg = e instanceof ImageRejectedException ire ? ire.code() + ": " + e.getMessage() : e.getMessage();
                err.println("texture-cli: " + f + ": " + msg);
                out.println(error(f, msg));
                code = BAD_INPUT;
            }
        }
        return code;
    }

    private int profile(List<String> args) {
        Parsed p = parse(args, false);
        if (p.positional().size() != 2) throw new BadInput("profile needs REF and OUT.json\n" + USAGE);
        Path outFile = Path.of(p.positional().get(1));
        OutputFile.check(outFile);
        byte[] reference = read(p.positional().get(0), "reference image");
        TextureProfile profile = engine().profile(reference);
        OutputFile.write(outFile, (TextureJson.writeProfile(profile) + "\n").getBytes(StandardCharsets.UTF_8));
        ObjectNode line = TextureJson.mapper().createObjectNode();
        line.put("file", p.positional().get(0));
        line.put("profile", outFile.toString());
        line.put("faces", profile.faces());
        out.println(line);
        return OK;
    }

    private int batch(List<String> args) throws Exception {
        Parsed p = parse(args, true);
        if (p.positional().size() != 2) throw new BadInput("batch needs IN_DIR and OUT_DIR\n" + USAGE);
        Path inDir = Path.of(p.positional().get(0));
        Path outDir = Path.of(p.positional().get(1));
        if (!Files.isDirectory(inDir)) throw new BadInput(inDir + " is not a directory");
        List<Path> entries;
        try (Stream<Path> s = Files.list(inDir)) {
            entries = s.sorted().toList();
        }
        List<Path> files = entries.stream().filter(TextureCli::isImageFile).toList();
        OutputFile.checkDirectory(outDir);
        engine();
        boolean tty = System.console() != null;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int threads = Math.min(p.threads(), Math.max(1, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // the images share the cores: each restore gets its part for the engine's parallel steps
        RestoreOptions options = p.options().withThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Path f : files) {
                results.add(pool.submit(() -> {
                    String line;
                    try {
                        Path target = outDir.resolve(f.getFileName());
                        RestoreResult r = restoreFile(f, target, options);
                        line = summary(f.toString(), target.toString(), r);
                    } catch (ImageRejectedException | BadInput e) {
                        failed.incrementAndGet();
                        String msg = e instanceof ImageRejectedException ire ? ire.code() + ": " + e.getMessage() : e.getMessage();
                        line = error(f.toString(), msg);
                    }
                    int n = done.incrementAndGet();
                    if (tty) progressBar(n, files.size());
                    return line;
                }));
            }
            for (Future<String> r : results) {
                try {
                    out.println(r.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (tty) err.println();
        err.printf(Locale.ROOT, "texture-cli: batch done: %d images, %d rejected, %s%d threads%n", files.size(), failed.get(),
                skipped(entries), threads);
        return failed.get() > 0 ? BAD_INPUT : OK;
    }

    private static boolean isImageFile(Path f) {
        return Files.isRegularFile(f) && ImageFormat.fromFileName(f.getFileName().toString()) != null;
    }

    /** "N skipped (not a file type the engine reads: .gif, directory), " for the directory's other entries, or "". */
    static String skipped(List<Path> entries) {
        TreeSet<String> kinds = new TreeSet<>();
        int n = 0;
        for (Path f : entries) {
            if (isImageFile(f)) continue;
            n++;
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            kinds.add(Files.isDirectory(f) ? "directory" : !Files.isRegularFile(f) ? "special file"
                    : dot > 0 ? name.substring(dot) : "no extension");
        }
        return n == 0 ? "" : n + " skipped (not a file type the engine reads: " + String.join(", ", kinds) + "), ";
    }

    private synchronized void progressBar(int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
        err.flush();
    }
}
