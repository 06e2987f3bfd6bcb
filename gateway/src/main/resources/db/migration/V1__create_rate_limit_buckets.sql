-- Issue 18: the rate limits' token buckets (ratelimit.RegistrationRateLimit), shared by every gateway
-- instance through bucket4j's PostgreSQL proxy manager (select for update). The columns are the ones
-- bucket4j reads and writes: id (the limit and the client, e.g. 'registration:203.0.113.7'), state
-- (bucket4j's serialised bucket) and expires_at (epoch milliseconds after which the bucket is full
-- again, so forgetting it changes nothing; expired rows are deleted in batches).
CREATE TABLE rate_limit_bucket (
    id         varchar(300) PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
