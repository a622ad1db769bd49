package io.realskin.generation.provider;

import java.util.Optional;

/**
 * Where an asynchronous provider keeps the task it submitted for one job and model, before it polls: a redelivered
 * request (after a crash or restart) polls that task instead of paying for a second one.
 */
public interface TaskJournal {
    TaskJournal NONE = new TaskJournal() {
        @Override
        public Optional<KeptTask> latest() {
            return Optional.empty();
        }

        @Override
        public int submitted() {
            return 0;
        }

        @Override
        public void keep(KeptTask task) {
        }
    };

    Optional<KeptTask> latest();

    /** How many tasks were submitted (and so paid) for this job and model: the records with an id. */
    int submitted();

    /** Records a task; a later sequence number supersedes the earlier ones (a task that was lost or expired). */
    void keep(KeptTask task);

    /**
     * @param id         null for a marker that the task before it ended without an image: the next attempt submits anew
     * @param pollingUrl where the provider said to poll; never the result's URL, which expires
     */
    record KeptTask(int sequence, String id, String pollingUrl) {
        public static KeptTask ended(KeptTask task) {
            return new KeptTask(task.sequence() + 1, null, null);
        }
    }
}
