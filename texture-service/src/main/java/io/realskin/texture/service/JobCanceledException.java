package io.realskin.texture.service;

import io.realskin.contracts.FailureCodes;

/** Thrown from a running job's progress when its cancel has arrived: the engine stops at the stage it was starting. */
public class JobCanceledException extends JobRejectedException {
    public JobCanceledException(String stage) {
        super(FailureCodes.CANCELED, "canceled while it ran; stopped before its " + stage + " stage");
    }
}
