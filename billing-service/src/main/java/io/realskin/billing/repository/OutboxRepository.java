package io.realskin.billing.repository;

import io.realskin.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/** billing's outbox (the shared {@link Outbox}): billing.events, written in the transaction of the change they announce. */
@ApplicationScoped
public class OutboxRepository extends Outbox {
}
