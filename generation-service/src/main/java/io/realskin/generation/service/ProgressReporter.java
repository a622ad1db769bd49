package io.realskin.generation.service;

import io.realskin.contracts.EventEnvelope;
import io.realskin.contracts.EventTypes;
import io.realskin.contracts.JobProgress;
import io.realskin.generation.messaging.JobEventPublisher;
import io.realskin.generation.provider.ProgressListener;

/** One job's PROGRESS events: a new stage, or 10 more percent, makes an event; a poll that changes nothing does not. */
final class ProgressReporter implements ProgressListener {
    private final JobEventPublisher events;
    private final EventEnvelope request;
    private String lastStage;
    private int lastPercent = -100;

    ProgressReporter(JobEventPublisher events, EventEnvelope request) {
        this.events = events;
        this.request = request;
    }

    @Override
    public synchronized void stage(String stage, int percent) {
        if (stage.equals(lastStage) && percent - lastPercent < 10) {
            return;
        }
        lastStage = stage;
        lastPercent = percent;
        send(new JobProgress(stage, percent));
    }

    /** A stage with words for people (a fallback names the models); always sent. */
    synchronized void detail(String stage, int percent, String detail) {
        lastStage = stage;
        lastPercent = percent;
        send(new JobProgress(stage, percent, detail));
    }

    private void send(JobProgress progress) {
        events.publishWithoutWaiting(EventEnvelope.of(EventTypes.PROGRESS, request.tenantId(), request.jobId(), progress));
    }
}
