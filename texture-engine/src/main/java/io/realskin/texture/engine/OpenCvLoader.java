package io.realskin.texture.engine;

/** Loads the openpnp OpenCV native library once per JVM. */
final class OpenCvLoader {
    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    public static void load() {
        if (loaded) return;
        synchronized (OpenCvLoader.class) {
            if (!loaded) {
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
            }
        }
    }
}
