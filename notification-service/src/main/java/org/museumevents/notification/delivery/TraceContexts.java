package org.museumevents.notification.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace kept with each notification: recorded when the email is scheduled (in the span of the
 * message or request that called for it), continued when the dispatcher sends it, maybe hours
 * later on another thread, so that the send and its log lines belong to the same trace.
 */
@Component
class TraceContexts {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** The span in progress, or {@link Recorded#NONE} outside any. */
    Recorded current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return Recorded.NONE;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return new Recorded(context.traceId(), carrier.get(TRACEPARENT));
    }

    /** Runs {@code work} in a new span that continues {@code traceparent}; as is when there is none. */
    void continuing(String traceparent, Runnable work) {
        if (traceparent == null) {
            work.run();
            return;
        }
        Span span = propagator
                .extract(Map.of(TRACEPARENT, traceparent), Map::get)
                .name("email delivery")
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
    }

    /** A trace id to search the delivery log by, and the W3C header to continue the trace from. */
    record Recorded(String traceId, String traceparent) {
        static final Recorded NONE = new Recorded(null, null);
    }
}
