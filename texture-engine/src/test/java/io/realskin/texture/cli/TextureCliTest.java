package io.realskin.texture.cli;

import io.realskin.imaging.TestImages;
import io.realskin.texture.engine.Fixtures;
import io.realskin.texture.engine.TextureEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextureCliTest {
    static TextureEngine engine;
    @TempDir
    Path tmp;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
    }

    int run(String... args) {
        out.reset();
        err.reset();
        return new TextureCli(new PrintStream(out, true), new PrintStream(err, true), () -> engine).run(args);
    }

    /** A CLI that must refuse before the work: making its engine fails the command (an internal error, exit 1). */
    int runWithoutEngine(String... args) {
        out.reset();
        err.reset();
        return new TextureCli(new PrintStream(out, true), new PrintStream(err, true), () -> {
            throw new AssertionError("the engine was made: the work started");
        }).run(args);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = TextureCliTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    Path write(String name, byte[] b) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, b);
        return p;
    }

    @Test
    void badInputsExitTwoWithAReason() throws IOException {
        byte[] jpeg = fixture("real_cc0avatar__047.jpg");
        Path truncated = write("truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = write("text.jpg", "this is a text file, not a photograph\n".getBytes(StandardCharsets.UTF_8));
        Path huge = write("huge.png", TestImages.png(20000, 20000));
        for (Path p : new Path[] {truncated, text, huge}) {
            assertEquals(2, run("restore", p.toString(), tmp.resolve("o.jpg").toString()), p.toString());
            assertTrue(err.toString().contains("bad_image") || err.toString().contains("too_large"), err.toString());
            assertEquals(2, run("score", p.toString()));
            assertTrue(out.toString().contains("\"error\""));
        }
        assertTrue(run("score", huge.toString()) == 2 && err.toString().contains("too_large"));
        assertEquals(2, run("restore", tmp.resolve("missing.jpg").toString(), tmp.resolve("o.jpg").toString()));
        assertEquals(2, run("restore", "a.jpg"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("restore", truncated.toString(), "o.jpg", "--intensity", "400"));
        assertEquals(2, run("restore", truncated.toString(), "o.jpg", "--intensity", "high"));
        assertTrue(err.toString().contains("--intensity must be 0..100 or auto, was 'high'"), err.toString());
        assertEquals(2, run());
    }

    /** The output format follows OUT's extension: one the engine does not write is refused, not given the input's format. */
    @Test
    void anOutExtensionTheEngineDoesNotWriteExitsTwoAndWritesNothing() throws IOException {
        Path real = write("real.jpg", fixture("real_cc0avatar__047.jpg"));
        for (String command : new String[] {"restore", "source-restore"}) {
            for (String name : new String[] {"out.heic", "out.gif", "out.jpg.txt"}) {
                Path target = tmp.resolve(command + "-" + name);
                assertEquals(2, run(command, real.toString(), target.toString()), command + " " + name);
                assertTrue(err.toString().contains("cannot write " + name.substring(name.lastIndexOf('.')) + " files"), err.toString());
                assertFalse(Files.exists(target), target.toString());
            }
        }
        Path small = write("small.jpg", TestImages.jpeg(64, 48, false, false, 0));
        Path bare = tmp.resolve("restored");
        assertEquals(0, run("restore", small.toString(), bare.toString()));
        assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(bare), "no extension: the input's format (no face: its bytes)");
    }

    @Test
    void sourceRestoreWritesTheUpscaledImageAndRefusesBadOptions() throws IOException {
        Path real = write("real.jpg", fixture("real_cc0avatar__047.jpg"));
        Path png = tmp.resolve("clean.png");
        assertEquals(0, run("source-restore", real.toString(), png.toString(), "--upscale", "1"));
        assertTrue(out.toString().contains("\"width\":1000") && out.toString().contains("\"deblocked\":true"), out.toString());
        assertEquals(1000, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        assertEquals(2, run("source-restore", real.toString(), png.toString(), "--upscale", "3"));
        assertTrue(err.toString().contains("--upscale must be 1 or 2"), err.toString());
        assertEquals(2, run("source-restore", real.toString(), png.toString(), "--denoise", "max"));
        assertEquals(2, run("source-restore", real.toString()));
    }

    @Test
    void scoreRestoreProfileAndBatchWork() throws IOException {
        Path real = write("real.jpg", fixture("real_cc0avatar__047.jpg"));
        Path ai = write("ai.jpg", fixture("ai_iclight__i7.jpg"));
        assertEquals(0, run("score", real.toString(), ai.toString()));
        String[] lines = out.toString().trim().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("{\"file\":") && lines[0].contains("\"plasticScore\":0."), lines[0]);
        assertTrue(lines[0].contains("\"faces\":[{\"box\":["));

        Path restored = tmp.resolve("out/restored.png");
        assertEquals(0, run("restore", ai.toString(), restored.toString(), "--intensity", "60", "--seed", "9"));
        assertTrue(Files.size(restored) > 1000);
        assertTrue(out.toString().contains("\"faces\":1"));
        var summary = io.realskin.texture.json.TextureJson.mapper().readTree(out.toString());
        assertEquals(60, summary.path("faceRestores").path(0).path("intensity").asInt(), out.toString());
        assertTrue(summary.path("locality").path("identical").asBoolean(), out.toString());
        assertEquals(64, summary.path("locality").path("sha256After").asText().length());
        assertEquals(0, run("restore", ai.toString(), tmp.resolve("auto.jpg").toString(), "--intensity", "auto"));
        var auto = io.realskin.texture.json.TextureJson.mapper().readTree(out.toString()).path("faceRestores").path(0);
        assertTrue(auto.path("skipped").isNull() ? auto.path("intensity").asInt() > 0 : auto.path("intensity").asInt() == 0, auto.toString());

        Path profile = tmp.resolve("p.json");
        assertEquals(0, run("profile", real.toString(), profile.toString()));
        assertTrue(Files.readString(profile).contains("\"fineOverContrast\""));
        assertEquals(0, run("restore", ai.toString(), tmp.resolve("r2.jpg").toString(), "--profile", profile.toString()));
        assertEquals(2, run("restore", ai.toString(), tmp.resolve("r3.jpg").toString(), "--profile", real.toString()));

        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(real, in.resolve("a.jpg"));
        Files.copy(ai, in.resolve("b.jpg"));
        Path landscape = in.resolve("c.png");
        Files.write(landscape, Fixtures.encode(Fixtures.landscape(300, 200), ".png"));
        assertEquals(0, run("batch", in.toString(), tmp.resolve("outdir").toString(), "--intensity", "40", "--threads", "2"));
        assertEquals(3, out.toString().trim().split("\n").length);
        assertTrue(Files.exists(tmp.resolve("outdir/a.jpg")) && Files.exists(tmp.resolve("outdir/c.png")));
        Files.writeString(in.resolve("d.jpg"), "text");
        assertEquals(2, run("batch", in.toString(), tmp.resolve("outdir2").toString()));
        assertTrue(Files.exists(tmp.resolve("outdir2/a.jpg")), "the good files are still processed");
    }

    /** Until 2026-12-07 a bad OUT was found by the write after the whole restore, an internal error (exit 1). */
    @Test
    void anOutThatCannotBeWrittenExitsTwoBeforeTheWork() throws IOException {
        Path ai = write("ai.jpg", fixture("ai_iclight__i7.jpg"));
        Path file = write("afile", "keep".getBytes(StandardCharsets.UTF_8));
        Path dir = Files.createDirectories(tmp.resolve("adir.png"));
        for (String target : new String[] {dir.toString(), file.resolve("x.png").toString(), "/proc/x.png"}) {
            for (String command : new String[] {"restore", "source-restore"}) {
                assertEquals(2, runWithoutEngine(command, ai.toString(), target), command + " " + target + ": " + err);
                assertTrue(err.toString().contains("cannot write " + target + ": "), err.toString());
            }
        }
        assertTrue(runWithoutEngine("restore", ai.toString(), dir.toString()) == 2 && err.toString().contains("is a directory"),
                err.toString());
        assertEquals(2, runWithoutEngine("profile", ai.toString(), "/proc/p.json"), err.toString());
        assertTrue(err.toString().contains("cannot write /proc/p.json: "), err.toString());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(ai, in.resolve("a.jpg"));
        assertEquals(2, runWithoutEngine("batch", in.toString(), file.toString()), err.toString());
        assertTrue(err.toString().contains(file + " is not a directory"), err.toString());
        assertEquals("keep", Files.readString(file));
    }

    /** Until 2026-12-07 a failed write was an internal error and left OUT truncated (Files.write on OUT itself). */
    @Test
    void aFailedWriteIsACleanErrorAndAnOutThatIsTheInputIsReplacedWhole() throws IOException {
        Path small = write("small.png", Fixtures.encode(Fixtures.landscape(64, 48), ".png"));
        assertEquals(2, run("restore", small.toString(), "/dev/full"), err.toString());
        assertTrue(err.toString().contains("cannot write /dev/full: No space left on device"), err.toString());
        Path real = write("real.jpg", fixture("real_cc0avatar__047.jpg"));
        assertEquals(2, run("profile", real.toString(), "/dev/full"), err.toString());
        assertTrue(err.toString().contains("cannot write /dev/full: "), err.toString());

        byte[] before = Files.readAllBytes(small);
        assertEquals(0, run("restore", small.toString(), small.toString(), "--intensity", "60"), err.toString());
        assertArrayEquals(before, Files.readAllBytes(small), "no face: the same pixels, written over the input whole");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(real, small), s.sorted().toList(), "no temporary file is left beside OUT");
        }
    }

    /** Until 2026-12-07 every file was read whole before its size was checked: OutOfMemoryError, an internal error. */
    @Test
    void anInputOverTheByteLimitIsTooLargeBeforeItIsReadAndScoreAndBatchGoOn() throws IOException {
        Path huge = tmp.resolve("huge.jpg");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GB that take no disk
        }
        Path a = write("a.jpg", TestImages.jpeg(64, 48, false, false, 0));
        Path b = write("b.png", Fixtures.encode(Fixtures.landscape(64, 48), ".png"));
        assertEquals(2, run("score", a.toString(), huge.toString(), b.toString()), err.toString());
        String[] lines = out.toString().trim().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[1].contains("\"error\":\"too_large: image " + huge + " is 3221225472 bytes, the limit is 31457280"), lines[1]);
        assertTrue(lines[2].contains("\"plasticScore\""), lines[2]);

        assertEquals(2, run("score", "/dev/zero"), err.toString());
        assertTrue(err.toString().contains("too_large: image /dev/zero is over the limit of 31457280 bytes"), err.toString());
        assertEquals(2, runWithoutEngine("restore", huge.toString(), tmp.resolve("o.jpg").toString()), err.toString());
        assertTrue(err.toString().contains("too_large"), err.toString());
        assertEquals(2, runWithoutEngine("restore", a.toString(), tmp.resolve("o.jpg").toString(), "--mask", "/dev/zero"));
        assertTrue(err.toString().contains("too_large: mask /dev/zero is over the limit"), err.toString());

        Path in = Files.createDirectories(tmp.resolve("in"));
        for (Path p : new Path[] {a, huge, b}) Files.move(p, in.resolve(p.getFileName()));
        assertEquals(2, run("batch", in.toString(), tmp.resolve("out").toString()), err.toString());
        assertEquals(3, out.toString().trim().split("\n").length, out.toString());
        assertTrue(out.toString().contains("too_large"), out.toString());
        assertTrue(Files.exists(tmp.resolve("out/a.jpg")) && Files.exists(tmp.resolve("out/b.png")), "the other files are restored");
    }

    /** Until 2026-12-07 batch left files of other types out without a word. */
    @Test
    void batchSaysWhichFilesItSkips() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("a.jpg"), TestImages.jpeg(64, 48, false, false, 0));
        Files.writeString(in.resolve("b.gif"), "GIF89a");
        Files.writeString(in.resolve("c.HEIC"), "heic");
        Files.writeString(in.resolve("d.gif"), "GIF89a");
        Files.createDirectories(in.resolve("sub"));
        assertEquals(0, run("batch", in.toString(), tmp.resolve("out").toString(), "--threads", "1000"), err.toString());
        assertEquals(1, out.toString().trim().split("\n").length, out.toString());
        assertTrue(err.toString().contains("batch done: 1 images, 0 rejected, 4 skipped (not a file type the engine reads:"
                + " .HEIC, .gif, directory), 1 threads"), err.toString());
    }

    /** As in the API, 0 is every core; until 2026-12-07 0 and -1 became 1 thread and 1000 was taken as given. */
    @Test
    void threadsZeroIsEveryCoreMoreThanTheCoresIsCappedAndNegativeIsRefused() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, TextureCli.parse(List.of("--threads", "0"), true).threads());
        assertEquals(cores, TextureCli.parse(List.of(), true).threads());
        assertEquals(cores, TextureCli.parse(List.of("--threads", "1000"), true).threads());
        assertEquals(1, TextureCli.parse(List.of("--threads", "1"), true).threads());
        Path a = write("a.jpg", TestImages.jpeg(64, 48, false, false, 0));
        for (String command : new String[] {"restore", "source-restore", "batch"}) {
            assertEquals(2, runWithoutEngine(command, a.toString(), tmp.resolve("o.jpg").toString(), "--threads", "-1"), command);
            assertTrue(err.toString().contains("--threads must be 0 (every core) or more, was -1"), err.toString());
        }
    }
}
