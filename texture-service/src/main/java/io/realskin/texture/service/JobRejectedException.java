package io.realskin.texture.service;

/** The job's input is wrong in a way no retry fixes (a broken texture profile, say): FAILED with a stable code. */
public class JobRejectedException extends RuntimeException {
    private final String code;

    public JobRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
