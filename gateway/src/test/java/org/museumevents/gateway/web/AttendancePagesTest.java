package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Attendance and partners on the organiser pages (issue 16), against stand-ins: the owner's
 * attendee page shows who checked in, the attendance counts, a mark/unmark button per confirmed
 * registrant and the CSV import; a partner organisation's organiser ({@code eleni} of icom-greece)
 * sees the co-organised event on the dashboard and its attendees read-only, and another of the
 * owner's events not at all.
 */
@GatewayIntegrationTest
class AttendancePagesTest {

    static final String OTHER_ID = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    static RequestPostProcessor eleni() {
        return user("eleni").roles("ORGANISER");
    }

    /** An ICOM France session in Paris, co-organised with ICOM Greece. */
    static String partneredEvent(String id) {
        return Contract.event(id, "PUBLISHED")
                .replace("\"format\": \"ONLINE\"", "\"format\": \"HYBRID\"")
                .replace("\"version\": 3", "\"partnerOrganisations\": [\"icom-greece\"], \"version\": 3");
    }

    static final String ATTENDEES =
            """
            {"content": [
              {"id": "%s", "eventId": "%s", "status": "CONFIRMED", "name": "Élise Martin", "email": "elise@musee.example",
               "language": "fr", "registeredAt": "2099-01-10T09:00:00Z", "checkedInAt": "2099-02-16T12:42:00Z", "attended": true},
              {"id": "0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "eventId": "%s", "status": "CONFIRMED", "name": "Nikos Papadopoulos",
               "email": "nikos@museum.example", "language": "en", "registeredAt": "2099-01-11T09:00:00Z", "checkedInAt": null, "attended": false},
              {"id": "1f1f1f1f-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "eventId": "%s", "status": "PENDING", "name": "Ana García",
               "email": "ana@museo.example", "language": "es", "registeredAt": "2099-01-12T09:00:00Z", "checkedInAt": null, "attended": false}
            ], "page": {"size": 50, "number": 0, "totalElements": 3, "totalPages": 1}}"""
                    .formatted(REGISTRATION_ID, EVENT_ID, EVENT_ID, EVENT_ID);

    static final String STATS =
            """
            {"capacity": 300, "confirmed": 2, "waitlisted": 0, "pending": 1, "cancelled": 0, "rejected": 0,
             "byLanguage": {"fr": 1, "en": 1}, "byInterpretationLanguage": {}, "attended": 1,
             "attendance": {"checkedIn": 1, "absent": 1, "byLanguage": {"fr": {"checkedIn": 1, "absent": 0}, "en": {"checkedIn": 0, "absent": 1}}}}""";

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(partneredEvent(EVENT_ID)))
                .on("GET", "/api/events/" + OTHER_ID, json(Contract.event(OTHER_ID, "PUBLISHED")))
                .on("GET", "/api/series", json(Contract.page()))
                .on(
                        "GET",
                        "/api/events",
                        request -> String.valueOf(request.query()).contains("partnerOrganisation=icom-greece")
                                ? json(Contract.page(partneredEvent(EVENT_ID)))
                                : json(Contract.page()));
        registration
                .on("GET", "/api/events/" + EVENT_ID + "/attendees", json(ATTENDEES))
                .on("GET", "/api/events/" + EVENT_ID + "/registration-stats", json(STATS));
    }

    @Test
    void theOwnersAttendeePageShowsAttendanceWithMarkingAndImport() throws Exception {
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/attendees")
                        .param("attended", "true")
                        .with(estelle())
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                // 12:42 UTC is 13:42 in Paris in February.
                                containsString("Checked in at 13:42"),
                                containsString("id=\"stats-checked-in\">1<"),
                                containsString("id=\"stats-absent\">1<"),
                                containsString("id=\"stats-attendance-by-language\""),
                                containsString("id=\"unmark-" + REGISTRATION_ID + "\""),
                                containsString("id=\"mark-0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d\""),
                                not(containsString("id=\"mark-1f1f1f1f-1d3f-4a5b-9c7d-8e0f1a2b3c4d\"")),
                                containsString("id=\"attendance-import\""),
                                containsString("id=\"check-in-link\""),
                                containsString("<option value=\"true\" selected=\"selected\""))));
        assertThat(registration.received("GET", "/api/events/" + EVENT_ID + "/attendees"))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).contains("attended=true"));

        registration.on(
                "PUT",
                "/api/events/" + EVENT_ID + "/attendance/0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d",
                json(
                        """
                        {"registrationId": "0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "attended": true, "checkedInAt": "2099-02-16T13:00:00Z"}"""));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/attendance/0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d")
                        .param("attended", "true")
                        .with(csrf())
                        .with(estelle()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/attendees"))
                .andExpect(flash().attributeExists("flash"));
        assertThat(registration.received(
                        "PUT", "/api/events/" + EVENT_ID + "/attendance/0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d"))
                .singleElement()
                .satisfies(request -> assertThat(request.body()).isEqualTo("{\"attended\":true}"));

        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/attendance",
                json(
                        """
                        {"rows": 5, "matched": 3, "alreadyAttended": 1, "unmatched": 1, "belowMinimum": 1}"""));
        String csv = "Name (Original Name),User Email,Duration (Minutes)\nÉlise,elise@musee.example,45\n";
        mvc.perform(multipart("/organiser/events/" + EVENT_ID + "/attendance")
                        .file(new MockMultipartFile(
                                "file", "zoom.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("minMinutes", "30")
                        .with(csrf())
                        .with(estelle())
                        .header("Accept-Language", "en"))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/attendees"))
                .andExpect(flash().attribute(
                                "flash",
                                "Imported: 5 rows, 3 matched, 1 already attended, 1 unmatched, 1 below the minimum."));
        assertThat(registration.received("POST", "/api/events/" + EVENT_ID + "/attendance"))
                .singleElement()
                .satisfies(request -> {
                    assertThat(request.header("Content-Type")).startsWith("text/csv");
                    assertThat(request.query()).isEqualTo("minMinutes=30");
                    assertThat(request.body()).isEqualTo(csv);
                });
    }

    @Test
    void aPartnerSeesTheCoOrganisedEventReadOnlyAndNothingElse() throws Exception {
        mvc.perform(get("/organiser").with(eleni()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"events-partnered\""),
                                containsString("href=\"/organiser/events/" + EVENT_ID + "/attendees\""),
                                containsString("Organised by icom-france; we are a partner."))));

        mvc.perform(get("/organiser/events/" + EVENT_ID + "/attendees")
                        .with(eleni())
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Élise Martin"),
                                containsString("id=\"partner-read-only\""),
                                containsString("id=\"export-csv\""),
                                containsString("id=\"check-in-link\""),
                                not(containsString("id=\"approve-")),
                                not(containsString("id=\"reject-")),
                                not(containsString("id=\"cancel-")),
                                not(containsString("id=\"mark-")),
                                not(containsString("id=\"unmark-")),
                                not(containsString("id=\"attendance-import\"")),
                                not(containsString(Contract.PASSCODE)),
                                not(containsString(Contract.MEETING_URL)))));

        // The owner's pages that are not the attendee list stay closed to the partner.
        for (String page : new String[] {
            "/organiser/events/" + EVENT_ID,
            "/organiser/events/" + EVENT_ID + "/edit",
            "/organiser/events/" + EVENT_ID + "/messages",
            "/organiser/events/" + OTHER_ID + "/attendees"
        }) {
            mvc.perform(get(page).with(eleni())).andExpect(status().isNotFound());
        }
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/attendance/" + REGISTRATION_ID)
                        .param("attended", "false")
                        .with(csrf())
                        .with(eleni()))
                .andExpect(status().isNotFound());
        assertThat(registration.received("PUT", ".*")).isEmpty();
        assertThat(registration.received("GET", "/api/events/" + OTHER_ID + "/attendees"))
                .isEmpty();
    }
}
