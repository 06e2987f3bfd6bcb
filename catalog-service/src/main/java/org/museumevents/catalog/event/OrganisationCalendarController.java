package org.museumevents.catalog.event;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organisation's public calendar feed (issue 17): see {@link CalendarFeeds}. */
@RestController
@RequestMapping("/api/organisations")
@Tag(name = "Events")
class OrganisationCalendarController {

    private final CalendarFeeds feeds;

    OrganisationCalendarController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping(value = "/{slug}/calendar.ics", produces = "text/calendar")
    @Operation(
            operationId = "getOrganisationCalendar",
            summary = "The organisation's events as an iCalendar feed (RFC 5545), without meeting secrets",
            description = "Published and cancelled events (never drafts) not ended more than 90 days ago,"
                    + " soonest first, at most 500; subscribe with `webcal://`. 404 for an organisation that"
                    + " never published an event.")
    @ApiResponse(
            responseCode = "200",
            description = "The feed",
            headers = {
                @Header(name = "ETag", description = "weak; `If-None-Match` answers 304 while unchanged"),
                @Header(name = "Cache-Control", description = "public, max-age=300")
            })
    ResponseEntity<String> calendar(
            @Parameter(description = "the organisation's slug, e.g. `icom-france`") @PathVariable String slug,
            @Parameter(
                            description = "the language of titles and descriptions (`fr`, `en`, `es`); each event's"
                                    + " default language where it has none, or when absent")
                    @RequestParam(required = false)
                    Language lang) {
        return CalendarFeeds.answer(feeds.ofOrganisation(slug, lang), "organisation-" + slug + ".ics");
    }
}
