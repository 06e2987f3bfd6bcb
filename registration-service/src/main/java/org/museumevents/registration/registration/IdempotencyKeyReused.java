package org.museumevents.registration.registration;

/** An {@code Idempotency-Key} replayed with another body; answered 422 {@code idempotency-key-reused}. */
class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused() {
        super("idempotency-key-reused", null, false, false);
    }
}
