package org.museumevents.starter.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C {@code traceparent} (W3C Trace Context, §3.2) of the span in progress, to be stored with
 * work done later on another thread (an outbox row, an email), and the way to continue that trace
 * when the work is done, so its spans and log lines belong to the request that called for it.
 * Without a tracer (tracing off) every method is a no-op.
 */
public class TraceContexts {

    /** The header, and the Kafka record header, that carries the trace context. */
    public static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The span in progress, or {@link Recorded#NONE} outside any. */
    public Recorded current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return Recorded.NONE;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return new Recorded(context.traceId(), carrier.get(TRACEPARENT));
    }

    /** The {@code traceparent} of the span in progress; null outside any, or without W3C propagation. */
    public String traceparent() {
        return current().traceparent();
    }

    /**
     * Runs {@code work} in a new span named {@code name} that continues {@code traceparent}; runs it
     * as is when {@code traceparent} is null.
     */
    public void continuing(String traceparent, String name, Runnable work) {
        if (traceparent == null) {
            work.run();
            return;
        }
        Span span = propagator
                .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                .name(name)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
    }

    /**
     * A recorded trace.
     *
     * @param traceId the 32-hex-digit trace id, to search logs and stores by; null for none
     * @param traceparent the W3C header to continue the trace from; null for none
     */
    public record Recorded(String traceId, String traceparent) {
        public static final Recorded NONE = new Recorded(null, null);
    }
}
