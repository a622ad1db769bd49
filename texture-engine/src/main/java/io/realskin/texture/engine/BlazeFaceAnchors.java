package io.realskin.texture.engine;

/**
 * SSD anchors of MediaPipe's BlazeFace models (anchor offset 0.5, fixed size 1):
 * short range = 128 input, strides 8,16,16,16 (2 anchors per cell at stride 8, 6 at stride 16) = 896;
 * full range = 192 input, one layer of stride 4, one anchor per cell = 2304.
 * Each anchor is its (x, y) centre in 0..1 input coordinates.
 */
final class BlazeFaceAnchors {
    private BlazeFaceAnchors() {
    }

    public static float[][] shortRange() {
        return build(128, new int[] {8, 16}, new int[] {2, 6});
    }

    public static float[][] fullRange() {
        return build(192, new int[] {4}, new int[] {1});
    }

    static float[][] build(int inputSize, int[] strides, int[] perCell) {
        int total = 0;
        for (int i = 0; i < strides.length; i++) {
            int f = (int) Math.ceil((double) inputSize / strides[i]);
            total += f * f * perCell[i];
        }
        float[][] anchors = new float[total][];
        int n = 0;
        for (int i = 0; i < strides.length; i++) {
            int f = (int) Math.ceil((double) inputSize / strides[i]);
            for (int yy = 0; yy < f; yy++) {
                for (int xx = 0; xx < f; xx++) {
                    for (int a = 0; a < perCell[i]; a++) {
                        anchors[n++] = new float[] {(xx + 0.5f) / f, (yy + 0.5f) / f};
                    }
                }
            }
        }
        return anchors;
    }
}
