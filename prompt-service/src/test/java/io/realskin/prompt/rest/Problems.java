package io.realskin.prompt.rest;

import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Shared assertion for RFC 9457 answers. */
final class Problems {

    private Problems() {
    }

    static ValidatableResponse assertProblem(ValidatableResponse response, int status, String slug, String instance) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://realskin.io/problems/" + slug))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("instance", equalTo(instance));
    }
}
