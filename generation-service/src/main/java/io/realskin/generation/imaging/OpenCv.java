package io.realskin.generation.imaging;

/** The openpnp OpenCV natives, loaded once per JVM before the first Mat. */
final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
