package org.museumevents.registration.registration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    void registered(String status) {
        count(status.toLowerCase(Locale.ROOT));
    }

    /** A refused request, by the problem type it is answered with. */
    void refused(String reason) {
        count(
                switch (reason) {
                    case "event-full" -> "refused_full";
                    case "duplicate-registration" -> "duplicate";
                    default -> "refused_closed";
                });
    }

    /** A later change, counted once its transaction commits: a rolled-back change did not happen. */
    void changed(Registration.Change change) {
        String outcome =
                switch (change.type()) {
                    case "RegistrationCancelled" -> "cancelled";
                    case "RegistrationRejected" -> "rejected";
                    case "RegistrationPromoted" -> "promoted";
                    // From the waiting list to the organiser's approval is a promotion too.
                    case "RegistrationPending" ->
                        change.previousStatus() == RegistrationStatus.WAITLISTED ? "promoted" : "pending";
                    case "RegistrationConfirmed" ->
                        change.previousStatus() == RegistrationStatus.PENDING ? "approved" : "confirmed";
                    default -> null;
                };
        if (outcome == null) {
            return;
        }
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
