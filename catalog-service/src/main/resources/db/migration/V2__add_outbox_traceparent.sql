-- The W3C traceparent of the request or message that wrote the row: the relay sends it on as a
-- Kafka header, so the consumers continue the same trace. Null for rows written outside any trace.
ALTER TABLE outbox ADD COLUMN traceparent varchar(128);
