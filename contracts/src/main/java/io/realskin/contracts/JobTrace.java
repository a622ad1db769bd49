package io.realskin.contracts;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

/**
 * One trace per job: the W3C {@code traceparent} that every record of a job carries (a Kafka header, set by the
 * messaging connector from the current trace), and the log context of the work on one record: log lines carry
 * {@code traceId} and {@code jobId} (MDC), so one trace id finds a job in every service's log.
 */
public final class JobTrace {
    public static final String TRACEPARENT = "traceparent";
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";
    public static final String MDC_JOB_ID = "jobId";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The current trace as a traceparent, for a record sent later (the outbox); null when there is none. */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The remote context a traceparent names; the root context for null or an unreadable value. */
    public static Context fromTraceparent(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The context of a consumed record, from its traceparent header. */
    public static Context fromHeaders(Headers headers) {
        Header last = headers == null ? null : headers.lastHeader(TRACEPARENT);
        return fromTraceparent(last == null ? null : new String(last.value(), StandardCharsets.UTF_8));
    }

    /**
     * Until closed, {@code context} is the current trace (records sent meanwhile continue it) and log lines carry its
     * trace id and the job id. For work on a thread of its own, where nothing else sets them.
     */
    public static Scope enter(Context context, String jobId) {
        Scope scope = context.makeCurrent();
        SpanContext span = Span.fromContext(context).getSpanContext();
        Map<String, Object> previous = new HashMap<>();
        for (String key : List.of(MDC_TRACE_ID, MDC_SPAN_ID, MDC_JOB_ID)) {
            previous.put(key, MDC.get(key));
        }
        if (span.isValid()) {
            MDC.put(MDC_TRACE_ID, span.getTraceId());
            MDC.put(MDC_SPAN_ID, span.getSpanId());
        }
        if (jobId != null) {
            MDC.put(MDC_JOB_ID, jobId);
        }
        return () -> {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
            scope.close();
        };
    }

    /** Names the job in the log context of the current work (whose trace the framework already set); null clears it. */
    public static void logJob(String jobId) {
        if (jobId == null) {
            MDC.remove(MDC_JOB_ID);
        } else {
            MDC.put(MDC_JOB_ID, jobId);
        }
    }

    private JobTrace() {
    }
}
