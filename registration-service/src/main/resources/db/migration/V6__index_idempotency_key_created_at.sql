-- Idempotency keys expire after registration.idempotency-key-lifetime: the purge deletes the old ones.
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
