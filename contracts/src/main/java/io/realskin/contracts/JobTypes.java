package io.realskin.contracts;

import java.util.Set;

/**
 * The job types of the public API ({@code POST /v1/jobs {type}}); also the {@code operation} of a COMPLETED
 * event's usage, which billing prices.
 */
public final class JobTypes {
    public static final String TEXTURE_RESTORE = "texture-restore";
    public static final String SKIN_INPAINT = "skin-inpaint";
    public static final String GENERATE = "generate";
    public static final String ANALYZE = "analyze";
    public static final String SOURCE_RESTORE = "source-restore";

    public static final Set<String> ALL = Set.of(TEXTURE_RESTORE, SKIN_INPAINT, GENERATE, ANALYZE, SOURCE_RESTORE);

    private JobTypes() {
    }
}
