package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.Valid;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.junit.jupiter.api.Test;

class BodyBudgetFilterTest {
    @SuppressWarnings("unused")
    static final class Routes {
        void cancel(@PathParam("id") String id) {
        }

        void list(@HeaderParam("Prefer") String prefer, UriInfo uri) {
        }

        void upload(byte[] body) {
        }

        void submit(@Valid Map<String, Object> submission, @HeaderParam("Prefer") String prefer) {
        }

        void multipart(@RestForm("file") FileUpload file) {
        }
    }

    @Test
    void aRouteReadsABodyWhenAParameterIsReadFromIt() {
        Map<String, Boolean> expected = Map.of("cancel", false, "list", false, "upload", true, "submit", true, "multipart", true);
        for (Method m : Routes.class.getDeclaredMethods()) {
            if (expected.containsKey(m.getName())) {
                assertEquals(expected.get(m.getName()), BodyBudgetFilter.readsBody(m), m.getName());
            }
        }
    }
}
