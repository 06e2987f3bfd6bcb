package org.museumevents.catalog.demo;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.museumevents.catalog.demo.DemoSeeds.EventSeed;
import org.museumevents.catalog.demo.DemoSeeds.Placement;
import org.museumevents.catalog.demo.DemoSeeds.SeriesSeed;
import org.museumevents.catalog.demo.DemoSeeds.SessionSeed;
import org.museumevents.catalog.event.EventDetails;
import org.museumevents.catalog.event.EventService;
import org.museumevents.catalog.event.EventView;
import org.museumevents.catalog.series.OccurrencesRequest;
import org.museumevents.catalog.series.SeriesService;
import org.museumevents.catalog.series.SeriesView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the demo catalogue into an empty catalogue, through the same services as an organiser's
 * requests, so that its publications leave through the outbox like any other. Upcoming sessions are
 * placed on their next real dates: the recurrence rule (ical4j) picks the series' next occurrences
 * from today. Never active unless the {@code demo} profile is.
 */
@Component
@Profile("demo")
class DemoCatalogue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);
    static final String SEEDS = "demo/catalogue.json";

    private final SeriesService series;
    private final EventService events;
    private final JsonMapper json;
    private final Validator validator;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DemoCatalogue(
            SeriesService series,
            EventService events,
            JsonMapper json,
            Validator validator,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Clock clock) {
        this.series = series;
        this.events = events;
        this.json = json;
        this.validator = validator;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            // One loader at a time, and only into an empty catalogue: a restart keeps what is there.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('catalog-demo'))")
                    .query()
                    .singleRow();
            long existing =
                    jdbc.sql("SELECT count(*) FROM event").query(Long.class).single();
            if (existing > 0) {
                log.info("Demo catalogue not loaded: the catalogue already holds {} events", existing);
                return;
            }
            DemoSeeds seeds = read();
            seeds.series().forEach(this::load);
            seeds.events().forEach(this::load);
            log.info(
                    "Demo catalogue loaded: {} series, {} single events",
                    seeds.series().size(),
                    seeds.events().size());
        });
    }

    DemoSeeds read() {
        try (InputStream in = new ClassPathResource(SEEDS).getInputStream()) {
            DemoSeeds seeds = json.readValue(in, DemoSeeds.class);
            requireValid(seeds);
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(SeriesSeed seed) {
        SeriesView created = series.create(seed.organisation(), seed.series());
        ZoneId zone = ZoneId.of(seed.series().recurrence().timeZone());
        List<EventView> drafts = series.createOccurrences(
                created.id(),
                seed.organisation(),
                new OccurrencesRequest(seed.occurrences(), null, LocalDate.now(clock.withZone(zone))));
        for (SessionSeed session : seed.sessions()) {
            EventView draft = drafts.get(session.occurrence() - 1);
            ObjectNode merged = json.valueToTree(draft.details());
            merged.setAll(session.event());
            EventDetails details = json.treeToValue(merged, EventDetails.class);
            requireValid(details);
            EventView replaced = events.replace(draft.id(), seed.organisation(), draft.version(), details);
            if (session.publish()) {
                events.publish(replaced.id(), seed.organisation());
            }
        }
    }

    private void load(EventSeed seed) {
        EventDetails details =
                seed.placement() == Placement.NEXT_ANNIVERSARY ? nextAnniversary(seed.event()) : seed.event();
        EventView created = events.create(seed.organisation(), details);
        if (seed.publish()) {
            events.publish(created.id(), seed.organisation());
        }
    }

    private EventDetails nextAnniversary(EventDetails event) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.of(event.timeZone())));
        int years = 0;
        while (!event.start().plusYears(years).isAfter(now)) {
            years++;
        }
        ObjectNode moved = json.valueToTree(event);
        moved.put("start", event.start().plusYears(years).toString());
        moved.put("end", event.end().plusYears(years).toString());
        return json.treeToValue(moved, EventDetails.class);
    }

    private void requireValid(Object value) {
        Set<ConstraintViolation<Object>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The demo catalogue " + SEEDS + " is invalid: "
                    + violations.stream()
                            .map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .collect(Collectors.joining("; ")));
        }
    }
}
