package io.realskin.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.realskin.contracts.StrictJson;
import jakarta.inject.Singleton;

/** Request bodies are read strictly (depth bound, no control characters in any string field): see {@link StrictJson}. */
@Singleton
public class JsonReading implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.apply(mapper);
    }
}
