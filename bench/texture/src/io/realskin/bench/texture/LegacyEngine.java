package io.realskin.bench.texture;

import org.opencv.core.Mat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The texture engine of an earlier commit (bench/texture/legacy-engine builds its jars), loaded beside the current
 * one in a child-first class loader: its own io.realskin classes, the current OpenCV (one native library per
 * process). Reflection only: restore, influence map, score.
 */
final class LegacyEngine {
    private final Object engine;
    private final Class<?> options;
    private final Method restore, influence, score;

    LegacyEngine(String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : classpath.split(File.pathSeparator)) if (!p.isBlank()) urls.add(new File(p).toURI().toURL());
        ClassLoader loader = new ChildFirst(urls.toArray(URL[]::new), LegacyEngine.class.getClassLoader());
        Class<?> engineClass = loader.loadClass("io.realskin.texture.engine.TextureEngine");
        options = loader.loadClass("io.realskin.texture.engine.RestoreOptions");
        engine = engineClass.getConstructor().newInstance();
        restore = engineClass.getMethod("restore", byte[].class, options);
        influence = engineClass.getMethod("influenceMap", Mat.class);
        score = engineClass.getMethod("score", byte[].class);
    }

    /** Restored image bytes (same format as the input). */
    byte[] restore(byte[] image, int intensity, long seed) throws Exception {
        Object o = options.getMethod("defaults").invoke(null);
        o = options.getMethod("withIntensity", int.class).invoke(o, intensity);
        o = options.getMethod("withSeed", long.class).invoke(o, seed);
        Object result = restore.invoke(engine, image, o);
        return (byte[]) result.getClass().getMethod("bytes").invoke(result);
    }

    Mat influenceMap(Mat bgr8) throws Exception {
        return (Mat) influence.invoke(engine, bgr8);
    }

    /** Image score and per-face scores (null where unmeasurable). */
    record Scores(Double image, List<Double> faces) {
    }

    Scores score(byte[] image) throws Exception {
        Object report = score.invoke(engine, (Object) image);
        Double img = (Double) report.getClass().getMethod("plasticScore").invoke(report);
        List<Double> faces = new ArrayList<>();
        for (Object f : (List<?>) report.getClass().getMethod("faces").invoke(report)) {
            faces.add((Double) f.getClass().getMethod("plasticScore").invoke(f));
        }
        return new Scores(img, faces);
    }

    /** Loads io.realskin classes from its own jars first; everything else (OpenCV, the JDK) from the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.realskin.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }
    }
}
