package org.museumevents.catalog.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.museumevents.starter.problem.Problems;

/**
 * An event and its life: DRAFT, then PUBLISHED, then possibly CANCELLED. Every change raises the
 * version and, once public, records the message that tells the other services.
 */
class Event {

    enum Change {
        EventPublished,
        EventUpdated,
        EventCancelled
    }

    private final UUID id;
    private final String organisation;
    private EventStatus status;
    private EventDetails details;
    private long version;
    private final List<Change> changes = new ArrayList<>();

    Event(UUID id, String organisation, EventStatus status, EventDetails details, long version) {
        this.id = id;
        this.organisation = organisation;
        this.status = status;
        this.details = details;
        this.version = version;
    }

    static Event draft(String organisation, EventDetails details) {
        details.check();
        return new Event(UUID.randomUUID(), organisation, EventStatus.DRAFT, details, 1);
    }

    void replace(EventDetails details) {
        if (status == EventStatus.CANCELLED) {
            throw Problems.conflict("event-cancelled", "A cancelled event cannot be changed.");
        }
        details.check();
        this.details = details;
        version++;
        if (status == EventStatus.PUBLISHED) {
            changes.add(Change.EventUpdated);
        }
    }

    void publish() {
        if (status != EventStatus.DRAFT) {
            throw Problems.conflict("not-a-draft", "Only a draft can be published; this event is " + status + ".");
        }
        if (details.format().isOnline() && details.meeting() == null) {
            throw Problems.unprocessable(
                    "meeting-required", "An online or hybrid event needs its meeting details before publication.");
        }
        status = EventStatus.PUBLISHED;
        version++;
        changes.add(Change.EventPublished);
    }

    /** Cancelling twice changes nothing; cancelling a published event tells its registrants. */
    void cancel() {
        if (status == EventStatus.CANCELLED) {
            return;
        }
        boolean wasPublic = status == EventStatus.PUBLISHED;
        status = EventStatus.CANCELLED;
        version++;
        if (wasPublic) {
            changes.add(Change.EventCancelled);
        }
    }

    boolean isVisibleToPublic() {
        return status != EventStatus.DRAFT;
    }

    boolean hasEnded(Instant now) {
        return details.endsAt().isBefore(now);
    }

    List<Change> takeChanges() {
        List<Change> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }

    /** The event as its organisers and the other services see it, meeting included. */
    EventView view() {
        return new EventView(id, organisation, status, details, details.startsAt(), details.endsAt(), version);
    }

    /** The event as anyone sees it: never the meeting secrets. */
    EventView publicView() {
        return new EventView(
                id, organisation, status, details.withoutMeeting(), details.startsAt(), details.endsAt(), version);
    }

    UUID id() {
        return id;
    }

    String organisation() {
        return organisation;
    }

    UUID seriesId() {
        return details.seriesId();
    }

    EventStatus status() {
        return status;
    }

    EventDetails details() {
        return details;
    }

    long version() {
        return version;
    }
}
