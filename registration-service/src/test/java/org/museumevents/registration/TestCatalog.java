package org.museumevents.registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.ReconfirmationPolicy;
import org.museumevents.registration.registration.CatalogChanges;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** Tells a running instance about events the way the catalog consumer does, without Kafka. */
public final class TestCatalog {

    private TestCatalog() {}

    /** A published event a month away, open for registration, with a waiting list. */
    public static EventSnapshot event(String organisation, Integer capacity) {
        Instant start = Instant.now().plus(Duration.ofDays(30));
        return new EventSnapshot(
                UUID.randomUUID(),
                organisation,
                "PUBLISHED",
                capacity,
                false,
                true,
                null,
                null,
                start,
                start.plus(Duration.ofHours(2)),
                1,
                List.of());
    }

    public static EventSnapshot with(
            EventSnapshot e, String status, Integer capacity, boolean approval, boolean waitlist) {
        return next(
                e,
                status,
                capacity,
                approval,
                waitlist,
                e.opensAt(),
                e.closesAt(),
                e.startsAt(),
                e.endsAt(),
                e.questions(),
                e.format(),
                e.partnerOrganisations(),
                e.seriesId(),
                e.reconfirmation());
    }

    /** The event with its registration window and a start (ending two hours later), as the next version. */
    public static EventSnapshot window(EventSnapshot e, Instant opensAt, Instant closesAt, Instant startsAt) {
        return next(
                e,
                e.status(),
                e.capacity(),
                e.requiresApproval(),
                e.waitlist(),
                opensAt,
                closesAt,
                startsAt,
                startsAt.plus(Duration.ofHours(2)),
                e.questions(),
                e.format(),
                e.partnerOrganisations(),
                e.seriesId(),
                e.reconfirmation());
    }

    /** The event moved to {@code startsAt}–{@code endsAt}, as the catalog's next version. */
    public static EventSnapshot dates(EventSnapshot e, Instant startsAt, Instant endsAt) {
        return next(
                e,
                e.status(),
                e.capacity(),
                e.requiresApproval(),
                e.waitlist(),
                e.opensAt(),
                e.closesAt(),
                startsAt,
                endsAt,
                e.questions(),
                e.format(),
                e.partnerOrganisations(),
                e.seriesId(),
                e.reconfirmation());
    }

    /**
     * The event held as {@code format} ({@code ONLINE}, {@code IN_PERSON} or {@code HYBRID}, issue
     * 16), naming {@code partnerOrganisations} (slugs) as co-organisers; the same version.
     */
    public static EventSnapshot format(EventSnapshot e, String format, List<String> partnerOrganisations) {
        return same(
                e,
                e.startsAt(),
                e.endsAt(),
                e.questions(),
                format,
                partnerOrganisations,
                e.seriesId(),
                e.reconfirmation());
    }

    /** The event held as {@code format}, keeping its partner organisations; the same version. */
    public static EventSnapshot format(EventSnapshot e, String format) {
        return format(e, format, e.partnerOrganisations());
    }

    /** The event asking {@code questions} (in this order), as the catalog's next version. */
    public static EventSnapshot questions(EventSnapshot e, List<Question> questions) {
        return next(
                e,
                e.status(),
                e.capacity(),
                e.requiresApproval(),
                e.waitlist(),
                e.opensAt(),
                e.closesAt(),
                e.startsAt(),
                e.endsAt(),
                questions,
                e.format(),
                e.partnerOrganisations(),
                e.seriesId(),
                e.reconfirmation());
    }

    /**
     * The event as an occurrence of the series {@code seriesId} (issue 17), starting at {@code
     * startsAt} and ending two hours later; the same version.
     */
    public static EventSnapshot inSeries(EventSnapshot e, UUID seriesId, Instant startsAt) {
        return same(
                e,
                startsAt,
                startsAt.plus(Duration.ofHours(2)),
                e.questions(),
                e.format(),
                e.partnerOrganisations(),
                seriesId,
                e.reconfirmation());
    }

    /**
     * The event asking its registrants to reconfirm by {@code policy} (issue 17), starting at {@code
     * startsAt} and ending two hours later, as the catalog's next version.
     */
    public static EventSnapshot reconfirming(EventSnapshot e, Instant startsAt, ReconfirmationPolicy policy) {
        return next(
                e,
                e.status(),
                e.capacity(),
                e.requiresApproval(),
                e.waitlist(),
                e.opensAt(),
                e.closesAt(),
                startsAt,
                startsAt.plus(Duration.ofHours(2)),
                e.questions(),
                e.format(),
                e.partnerOrganisations(),
                e.seriesId(),
                policy);
    }

    /** The event's next version (version + 1) with these fields; its id and organisation kept. */
    private static EventSnapshot next(
            EventSnapshot e,
            String status,
            Integer capacity,
            boolean approval,
            boolean waitlist,
            Instant opensAt,
            Instant closesAt,
            Instant startsAt,
            Instant endsAt,
            List<Question> questions,
            String format,
            List<String> partnerOrganisations,
            UUID seriesId,
            ReconfirmationPolicy reconfirmation) {
        return new EventSnapshot(
                e.id(),
                e.organisation(),
                status,
                capacity,
                approval,
                waitlist,
                opensAt,
                closesAt,
                startsAt,
                endsAt,
                e.version() + 1,
                questions,
                format,
                partnerOrganisations,
                seriesId,
                reconfirmation);
    }

    /** The same version of the event with these fields changed. */
    private static EventSnapshot same(
            EventSnapshot e,
            Instant startsAt,
            Instant endsAt,
            List<Question> questions,
            String format,
            List<String> partnerOrganisations,
            UUID seriesId,
            ReconfirmationPolicy reconfirmation) {
        return new EventSnapshot(
                e.id(),
                e.organisation(),
                e.status(),
                e.capacity(),
                e.requiresApproval(),
                e.waitlist(),
                e.opensAt(),
                e.closesAt(),
                startsAt,
                endsAt,
                e.version(),
                questions,
                format,
                partnerOrganisations,
                seriesId,
                reconfirmation);
    }

    public static EventSnapshot apply(ApplicationContext context, EventSnapshot event) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> context.getBean(CatalogChanges.class)
                .apply(event));
        return event;
    }
}
