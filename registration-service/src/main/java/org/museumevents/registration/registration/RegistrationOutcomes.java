package org.museumevents.registration.registration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.museumevents.registration.event.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what registrations come to, as {@code museum_registrations_total{outcome}}: a request's
 * answer ({@code confirmed}, {@code waitlisted}, {@code pending}), its refusal ({@code refused_full},
 * {@code refused_closed}, {@code duplicate}), and each later change ({@code approved}, {@code
 * rejected}, {@code promoted}, {@code cancelled}). The tag is the only one and takes these values
 * only, never an id or an email; every counter exists from the start so that rates begin at zero.
 */
@Component
class RegistrationOutcomes {

    static final String METER = "museum.registrations";

    private static final List<String> OUTCOMES = List.of(
            "confirmed",
            "waitlisted",
            "pending",
            "refused_full",
            "refused_closed",
            "duplicate",
            "approved",
            "rejected",
            "promoted",
            "cancelled");

    private final Map<String, Counter> counters;

    RegistrationOutcomes(MeterRegistry registry) {
        counters = OUTCOMES.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), outcome -> Counter.builder(METER)
                        .description("Registration requests and changes, by what they came to")
                        .tag("outcome", outcome)
                        .register(registry)));
    }

    /** A new registration's status, CONFIRMED, WAITLISTED or PENDING; the statement has committed. */
    void registered(RegistrationStatus status) {
        count(status.name().toLowerCase(Locale.ROOT));
    }

    /** A request the event refused: full, or outside its registration window. */
    void refused(Refusal refusal) {
        count(refusal == Refusal.EVENT_FULL ? "refused_full" : "refused_closed");
    }

    /** A request refused because the email is already registered. */
    void duplicate() {
        count("duplicate");
    }

    /** A later change, counted once its transaction commits: a rolled-back change did not happen. */
    void changed(Registration.Change change) {
        String outcome =
                switch (change.type()) {
                    case CANCELLED -> "cancelled";
                    case REJECTED -> "rejected";
                    case PROMOTED -> "promoted";
                    // From the waiting list to the organiser's approval is a promotion too.
                    case PENDING -> change.previousStatus() == RegistrationStatus.WAITLISTED ? "promoted" : "pending";
                    case CONFIRMED -> change.previousStatus() == RegistrationStatus.PENDING ? "approved" : "confirmed";
                    case WAITLISTED -> "waitlisted";
                    // Issue 17.
                    case RECONFIRMATION_REQUESTED -> "reconfirmation-requested";
                    case RECONFIRMATION_REMINDED -> "reconfirmation-reminded";
                    case RECONFIRMED -> "reconfirmed";
                    case RELEASED -> "released";
                };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count(outcome);
                }
            });
        } else {
            count(outcome);
        }
    }

    private void count(String outcome) {
        Counter counter = counters.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }
}
