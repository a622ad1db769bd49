package io.realskin.bench.texture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The portraits of shared/portraits as its MANIFEST.tsv lists them: file, kind (real, ai, retouched), source (the
 * file name's prefix before "__": a photographer, a repository or a generator family - the group of leave-one-source-
 * out evaluation) and the licence note.
 */
record Portraits(Path dir, List<Entry> entries) {
    record Entry(String file, String kind, String source, String licence) {
        Path path(Path dir) {
            return dir.resolve(file);
        }
    }

    static Portraits read(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("MANIFEST.tsv"));
        String[] header = lines.get(0).split("\t");
        int licence = List.of(header).indexOf("licence_or_origin");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] c = line.split("\t");
            String file = c[0];
            String kind = file.substring(0, file.indexOf('/'));
            String name = file.substring(file.indexOf('/') + 1);
            String source = name.contains("__") ? name.substring(0, name.indexOf("__")) : name;
            out.add(new Entry(file, kind, source, licence >= 0 && licence < c.length ? c[licence] : ""));
        }
        out.sort((a, b) -> a.file().compareTo(b.file()));
        return new Portraits(dir, out);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
