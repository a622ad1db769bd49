package io.realskin.texture.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code type} is stable per kind of error, clients switch on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BASE = "https://realskin.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(BASE + slug, title, status, detail);
    }
}
