package io.realskin.gateway.client;

/** A backend's answer passed on to the caller as it is: status, media type and body. */
public record Relayed(int status, String contentType, String body) {
}
