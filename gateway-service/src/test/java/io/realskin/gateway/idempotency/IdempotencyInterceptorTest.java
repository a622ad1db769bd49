package io.realskin.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyInterceptorTest {
    /** A replay is a stored Response: a route typed otherwise could not return it, so every call fails, loudly. */
    @Test
    void aMethodThatDoesNotReturnAResponseIsRefusedBeforeItRuns() throws Exception {
        IdempotencyInterceptor interceptor = new IdempotencyInterceptor(null, null, null, null, null, null, null);
        Method typed = Routes.class.getDeclaredMethod("typed");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> interceptor.around(new Call(typed)));
        assertTrue(refused.getMessage().contains("must return Response"), refused.getMessage());
    }

    static class Routes {
        String typed() {
            throw new AssertionError("must not run");
        }
    }

    /** Only the method is read before the refusal. */
    private record Call(Method method) implements InvocationContext {
        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Object getTarget() {
            return new Routes();
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] params) {
        }

        @Override
        public Map<String, Object> getContextData() {
            return new HashMap<>();
        }

        @Override
        public Object proceed() {
            return Response.ok().build();
        }
    }
}
