package org.museumevents.catalog.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.museumevents.starter.problem.Problems;

/**
 * An event and its life: DRAFT, then PUBLISHED, then possibly CANCELLED. Every change raises the
 * version and, once public, records the message that tells the other services. The public sees an
 * event once it has been published, and only then: a draft cancelled before publication stays the
 * organisers' own.
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
    private Instant publishedAt;
    private final List<Change> changes = new ArrayList<>();

    /** @param publishedAt when it was first published; null while it never was */
    Event(UUID id, String organisation, EventStatus status, EventDetails details, long version, Instant publishedAt) {
        this.id = id;
        this.organisation = organisation;
        this.status = status;
        this.details = details;
        this.version = version;
        this.publishedAt = publishedAt;
    }

    static Event draft(String organisation, EventDetails details) {
        details.check(organisation);
        return new Event(UUID.randomUUID(), organisation, EventStatus.DRAFT, details, 1, null);
    }

    void replace(EventDetails details) {
        if (status == EventStatus.CANCELLED) {
            throw Problems.conflict("event-cancelled", "A cancelled event cannot be changed.");
        }
        details.check(organisation);
        this.details = details;
        version++;
        if (status == EventStatus.PUBLISHED) {
            changes.add(Change.EventUpdated);
        }
    }

    void publish(Instant now) {
        if (status != EventStatus.DRAFT) {
            throw Problems.conflict("not-a-draft", "Only a draft can be published; this event is " + status + ".");
        }
        if (details.format().isOnline() && details.meeting() == null) {
            throw Problems.unprocessable(
                    "meeting-required", "An online or hybrid event needs its meeting details before publication.");
        }
        status = EventStatus.PUBLISHED;
        publishedAt = now;
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

    /**
     * Published, or cancelled after it was: the public sees it is cancelled. A draft, even a
     * cancelled one, never was public and stays invisible.
     */
    boolean isVisibleToPublic() {
        return publishedAt != null;
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

    /** When it was first published; null if it never was. */
    Instant publishedAt() {
        return publishedAt;
    }
}
