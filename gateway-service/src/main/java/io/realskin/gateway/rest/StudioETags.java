package io.realskin.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strong entity tag of each Studio file (META-INF/resources): its content's SHA-256, read once on the first request
 * for it. The tag changes exactly when the file does, so an upgrade is seen at the next revalidation, and an unchanged
 * file costs a 304. Only files that exist are remembered (any path can be asked for).
 */
final class StudioETags {
    private static final String ROOT = "META-INF/resources";

    private final Map<String, String> tags = new ConcurrentHashMap<>();

    /** The tag, quoted, of the file a request path names ({@code /studio/} its index.html); null when there is none. */
    String of(String path) {
        String known = tags.get(path);
        if (known != null) {
            return known;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!path.endsWith("/") && !last.contains(".")) { // a folder, which the static handler does not serve
            return null;
        }
        URL file = Thread.currentThread().getContextClassLoader().getResource(ROOT + (path.endsWith("/") ? path + "index.html" : path));
        if (file == null) {
            return null;
        }
        String tag = '"' + digest(file) + '"';
        tags.put(path, tag);
        return tag;
    }

    private static String digest(URL file) {
        try (InputStream in = file.openStream()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readAllBytes());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
