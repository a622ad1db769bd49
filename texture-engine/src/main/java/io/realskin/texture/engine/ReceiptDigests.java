package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a locality receipt's SHA-256 digests come from: the JDK's, unless a short-lived process asked for the system's
 * NSS softoken ({@link #preferNss}). The JDK's SHA-256 is compiled to the CPU's SHA instructions by C2 only; the CLI runs
 * with the client compiler alone, where hashing a 12 MP image's 36 MB took 230-350 ms against about 22 ms through NSS
 * (docs/texture-engine.md, "Locality receipt"). Both are SHA-256, so a receipt's hashes do not depend on the choice.
 */
public final class ReceiptDigests {
    /** Where Debian, Ubuntu, Fedora and Alpine keep libsoftokn3.so. */
    static final List<String> NSS_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/usr/lib");

    private static CompletableFuture<Provider> nss; // NSS initialises once per process: set up at most once
    private static volatile boolean preferred;

    private ReceiptDigests() {
    }

    /**
     * Starts setting NSS up on a helper thread (about 80 ms of CPU), so that receipts made from now on hash through it;
     * where NSS is missing or refuses, they keep the JDK's. Call it early in a process that will make a receipt.
     */
    public static void preferNss() {
        nss();
        preferred = true;
    }

    /** A SHA-256 digest for a receipt: NSS's once {@link #preferNss} has set it up (waiting for that), else the JDK's. */
    static MessageDigest sha256() {
        Provider provider = preferred ? Parallel.join(nss()) : null;
        try {
            return provider == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** This process's NSS provider, being set up or set up; null inside where there is none. */
    static synchronized CompletableFuture<Provider> nss() {
        if (nss == null) nss = Parallel.async(() -> nssProvider(NSS_DIRECTORIES));
        return nss;
    }

    /**
     * The SunPKCS11 provider over NSS's softoken without a database, from the first of {@code directories} holding it,
     * checked against the JDK's digest of a known input; null where there is none or it fails.
     */
    static Provider nssProvider(List<String> directories) {
        Provider sunPkcs11 = Security.getProvider("SunPKCS11");
        if (sunPkcs11 == null) return null;
        for (String dir : directories) {
            if (!Files.isRegularFile(Path.of(dir, "libsoftokn3.so"))) continue;
            try {
                Provider p = sunPkcs11.configure("--name=RealSkinNSS\nnssLibraryDirectory=" + dir + "\nnssDbMode=noDb\n"
                        + "attributes=compatibility\n");
                return agrees(p) ? p : null;
            } catch (RuntimeException | NoSuchAlgorithmException e) {
                return null; // a library there that will not load: the JDK's digest serves
            }
        }
        return null;
    }

    private static boolean agrees(Provider p) throws NoSuchAlgorithmException {
        byte[] probe = "RealSkin locality receipt".getBytes(StandardCharsets.US_ASCII);
        byte[] theirs = MessageDigest.getInstance("SHA-256", p).digest(probe);
        byte[] ours = MessageDigest.getInstance("SHA-256").digest(probe);
        return HexFormat.of().formatHex(theirs).equals(HexFormat.of().formatHex(ours));
    }
}
