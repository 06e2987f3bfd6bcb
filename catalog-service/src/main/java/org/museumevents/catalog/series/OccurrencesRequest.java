package org.museumevents.catalog.series;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import org.museumevents.catalog.time.PlausibleDate;

/**
 * {@code {"count": n}} or {@code {"until": "2027-06-30"}}: how many next occurrences to create;
 * with {@code "from": "2027-01-01"} none before that day (a cycle resuming after a break).
 */
public record OccurrencesRequest(
        @Min(1) @Max(MAX_COUNT) Integer count, @PlausibleDate LocalDate until, @PlausibleDate LocalDate from) {

    static final int MAX_COUNT = 52;

    @JsonIgnore
    @AssertTrue(message = "give either count or until")
    boolean isCountOrUntil() {
        return (count == null) != (until == null);
    }
}
