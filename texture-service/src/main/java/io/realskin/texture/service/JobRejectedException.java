package io.realskin.texture.service;

import io.realskin.support.messaging.JobFailureException;

/** The job's input is wrong in a way no retry fixes (a broken texture profile, say): FAILED with a stable code. */
public class JobRejectedException extends JobFailureException {
    public JobRejectedException(String code, String message) {
        super(code, message);
    }
}
