package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GET /texture/thumbnail ({@code REALSKIN_TEXTURE_THUMBNAIL_*}). */
@ConfigMapping(prefix = "realskin.texture.thumbnail")
public interface ThumbnailConfig {
    /**
     * Thumbnails rendered at once on this replica, apart from the preview slots and the job workers; more callers get
     * 503 with Retry-After. A reduced JPEG decode takes tens of milliseconds, a 12 MP PNG a few hundred: 2 keeps a page
     * of 24 cards moving without taking the cores the jobs need.
     */
    @WithDefault("2")
    int concurrency();
}
