package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The interactive REST endpoints ({@code REALSKIN_TEXTURE_PREVIEW_*}). */
@ConfigMapping(prefix = "realskin.texture.preview")
public interface PreviewConfig {
    /** Largest image /texture/preview and /texture/analyze accept, in pixels: 2 MP (a 1920x1080 frame fits). */
    @WithDefault("2100000")
    long maxPixels();

    /** Requests computed at once; more callers get 503 with Retry-After. 0 means one per available core. */
    @WithDefault("0")
    int concurrency();
}
