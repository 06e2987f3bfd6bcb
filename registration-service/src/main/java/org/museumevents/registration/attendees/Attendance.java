package org.museumevents.registration.attendees;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.museumevents.registration.registration.AttendanceMessages;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.Problems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of attendance (issue 16, docs/api.md "Attendance"): the door's check-in and its
 * undoing, an organiser's marking, an attendance report's import. Each stores the change and writes
 * {@code RegistrationAttended} / {@code RegistrationAttendanceUndone} to the outbox in one
 * transaction, and only when something changed: a second scan, a second marking or a re-import tells
 * nobody again.
 */
@Service
class Attendance {

    private final CheckInRepository checkIns;
    private final AttendanceRepository attendance;
    private final AttendanceMessages messages;

    Attendance(CheckInRepository checkIns, AttendanceRepository attendance, AttendanceMessages messages) {
        this.checkIns = checkIns;
        this.attendance = attendance;
        this.messages = messages;
    }

    /**
     * The outcome of marking one registration.
     *
     * @param checkedInAt when it was recorded as attended (UTC), null when not attended
     */
    record Marked(UUID registrationId, boolean attended, Instant checkedInAt) {}

    /**
     * The counts of an import, nothing personal.
     *
     * @param rows the report's data rows
     * @param matched CONFIRMED registrations recorded as attended by this import
     * @param alreadyAttended CONFIRMED registrations of the report that were attended already (their
     *     time and source kept; their minutes set from the report when it has a duration column)
     * @param unmatched addresses of the report with no CONFIRMED registration of the event
     * @param belowMinimum CONFIRMED registrations not attended whose minutes are below the minimum
     */
    record Imported(int rows, int matched, int alreadyAttended, int unmatched, int belowMinimum) {}

    /** Checks in at the door: the time set, or empty when attended already or not CONFIRMED. */
    @Transactional
    Optional<Instant> checkIn(UUID registrationId, Instant now) {
        Optional<Instant> set = checkIns.checkIn(registrationId, now);
        set.ifPresent(at -> messages.attended(registrationId, at, now));
        return set;
    }

    /** Undoes the event's registration's attendance; answers whether it was attended. */
    @Transactional
    boolean undo(UUID eventId, UUID registrationId, Instant now) {
        boolean undone = checkIns.undo(eventId, registrationId);
        if (undone) {
            messages.undone(registrationId, now);
        }
        return undone;
    }

    /**
     * An organiser's marking, any format of event (an online one too).
     *
     * @throws org.springframework.web.ErrorResponseException 404 for no such registration of the
     *     event, 409 {@code not-confirmed} for one not CONFIRMED
     */
    @Transactional
    Marked mark(UUID eventId, UUID registrationId, boolean attended, Instant now) {
        CheckInRepository.Found found = checkIns.byId(registrationId)
                .filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> Problems.notFound("The registration"));
        if (!"CONFIRMED".equals(found.status())) {
            throw CheckInController.notConfirmed(found.status());
        }
        if (attended) {
            Optional<Instant> set = attendance.attend(registrationId, now, "MANUAL", null);
            set.ifPresent(at -> messages.attended(registrationId, at, now));
            Instant at = set.orElseGet(
                    () -> checkIns.byId(registrationId).orElseThrow().checkedInAt());
            if (at == null) {
                throw CheckInController.notConfirmed(
                        checkIns.byId(registrationId).orElseThrow().status());
            }
            return new Marked(registrationId, true, at);
        }
        undo(eventId, registrationId, now);
        return new Marked(registrationId, false, null);
    }

    /**
     * Imports a report: each CONFIRMED registration whose email it lists, with at least {@code
     * minMinutes} summed over its rows, becomes attended (source IMPORT, at {@code now}).
     *
     * @param minMinutes 0..1440; above 0 the report needs a duration column
     */
    @Transactional
    Imported importReport(UUID eventId, AttendanceReport.Read report, int minMinutes, Instant now) {
        if (minMinutes > 0 && !report.hasDuration()) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem(
                    "minMinutes", "needs a duration column in the file (a header with \"duration\" or \"minutes\")")));
        }
        Map<String, Long> seconds = report.secondsByEmail();
        List<AttendanceRepository.Match> matches = attendance.confirmed(eventId, seconds.keySet());
        Set<String> found = new HashSet<>();
        int matched = 0;
        int already = 0;
        int below = 0;
        for (AttendanceRepository.Match match : matches) {
            found.add(match.emailKey());
            int minutes = (int) Math.min(Integer.MAX_VALUE, seconds.get(match.emailKey()) / 60);
            Integer stored = report.hasDuration() ? minutes : null;
            if (match.checkedInAt() != null) {
                already++;
                if (stored != null) {
                    attendance.minutes(match.registrationId(), stored);
                }
            } else if (minutes < minMinutes) {
                below++;
            } else {
                Optional<Instant> set = attendance.attend(match.registrationId(), now, "IMPORT", stored);
                if (set.isPresent()) {
                    messages.attended(match.registrationId(), set.get(), now);
                    matched++;
                } else {
                    already++;
                }
            }
        }
        int unmatched = (int)
                seconds.keySet().stream().filter(key -> !found.contains(key)).count();
        return new Imported(report.rows(), matched, already, unmatched, below);
    }

    /** The stats' {@code attendance} block over the event's CONFIRMED registrations. */
    RegistrationStats.Attendance stats(UUID eventId) {
        Map<String, RegistrationStats.Counts> byLanguage = attendance.byLanguage(eventId);
        return new RegistrationStats.Attendance(
                byLanguage.values().stream()
                        .mapToLong(RegistrationStats.Counts::checkedIn)
                        .sum(),
                byLanguage.values().stream()
                        .mapToLong(RegistrationStats.Counts::absent)
                        .sum(),
                byLanguage);
    }
}
