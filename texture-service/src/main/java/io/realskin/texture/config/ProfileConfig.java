package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** GET /texture/profile ({@code REALSKIN_TEXTURE_PROFILE_*}). */
@ConfigMapping(prefix = "realskin.texture.profile")
public interface ProfileConfig {
    /**
     * Reference photos profiled at once on this replica, apart from the preview and thumbnail slots and the job
     * workers; more callers get 503 with Retry-After. A profile decodes the whole photo (up to the upload limits) and
     * finds its faces, about a second for 12 MP on one core; tenants make one per reference, rarely.
     */
    @WithDefault("1")
    int concurrency();
}
