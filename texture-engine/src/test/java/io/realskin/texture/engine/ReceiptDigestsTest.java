package io.realskin.texture.engine;

import io.realskin.texture.concurrent.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReceiptDigestsTest {

    @Test
    void nssHashesAReceiptsBytesAsTheJdkDoes() throws Exception {
        Provider nss = Parallel.join(ReceiptDigests.nss());
        assumeTrue(nss != null, "this machine has no NSS softoken (libnss3): the CLI then hashes with the JDK, "
                + "which the other receipt tests cover");
        assertNotEquals("SUN", nss.getName());
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        MessageDigest theirs = MessageDigest.getInstance("SHA-256", nss);
        MessageDigest ours = MessageDigest.getInstance("SHA-256", "SUN");
        for (int off = 0; off < data.length; off += 576_000) { // strips of a 3000 px wide RGB image
            int len = Math.min(576_000, data.length - off);
            theirs.update(data, off, len);
            ours.update(data, off, len);
        }
        assertEquals(HexFormat.of().formatHex(ours.digest()), HexFormat.of().formatHex(theirs.digest()));
    }

    @Test
    void withoutTheLibraryTheJdksDigestServes(@TempDir Path empty) {
        assertNull(ReceiptDigests.nssProvider(List.of(empty.toString(), "/nonexistent")));
    }

    @Test
    void aLibraryThatWillNotLoadIsPassedOver(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("libsoftokn3.so"), "not a shared library");
        assertNull(ReceiptDigests.nssProvider(List.of(dir.toString())));
    }

    @Test
    void afterPreferNssAReceiptHashesThroughItAndMatchesAnIndependentHash() {
        assumeTrue(Parallel.join(ReceiptDigests.nss()) != null,
                "this machine has no NSS softoken (libnss3): receipts keep the JDK's digest");
        ReceiptDigests.preferNss(); // as the CLI does; later tests in this JVM hash through NSS too, to the same hashes
        assertEquals("SunPKCS11-RealSkinNSS", ReceiptDigests.sha256().getProvider().getName());
        byte[] in = Fixtures.realPng();
        RestoreResult r = new TextureEngine().restore(in, RestoreOptions.defaults().withIntensity(60).withSeed(4));
        LocalityReceipt receipt = r.locality();
        assertEquals(receipt.sha256Before(), LocalityReceiptTest.Image.imageIo(in).sha256Outside(receipt.boxes()));
        assertEquals(receipt.sha256After(), LocalityReceiptTest.Image.imageIo(r.bytes()).sha256Outside(receipt.boxes()));
    }
}
