-- The trace of the request or message that scheduled the email (W3C trace context), so that an
-- operator can follow a request to its email: trace_id to search by, traceparent for the dispatcher
-- to continue the trace when it sends. Null for rows scheduled outside any trace.
ALTER TABLE notification ADD COLUMN trace_id varchar(32);
ALTER TABLE notification ADD COLUMN traceparent varchar(128);
CREATE INDEX notification_by_trace ON notification (trace_id) WHERE trace_id IS NOT NULL;
