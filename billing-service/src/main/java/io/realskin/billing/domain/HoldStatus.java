package io.realskin.billing.domain;

public enum HoldStatus {
    HELD, CAPTURED, RELEASED, EXPIRED
}
