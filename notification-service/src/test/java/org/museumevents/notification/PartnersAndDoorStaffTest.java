package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Partner organisations and door staff (issue 16, docs/api.md "Who may do what") here: messages
 * and the delivery log are the event's own organisers' only. The example event names {@code
 * icom-greece} as a partner: its organisers get 403 or 404 and no data, door staff of the owner
 * 403; nothing is sent for them.
 */
@NotificationIntegrationTest
class PartnersAndDoorStaffTest {

    static final String MESSAGE =
            """
            {"recipients": ["CONFIRMED"], "subject": {"fr": "Un mot", "en": "A word"},
             "body": {"fr": "Bonjour {name}", "en": "Hello {name}"}}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    KnownEventRepository events;

    @Autowired
    DeliveryLog log;

    @Test
    void partnersAndDoorStaffNeitherSendNorReadMessagesNorTheDeliveryLog() throws Exception {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        await().until(() -> events.find(eventId).isPresent());
        String email = unique("partner-door");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        Inbox.awaitOne(email);

        String partner = TestTokens.bearer("icom-greece");
        String door = "Bearer " + TestTokens.withRole("icom-france", "door");
        String partnerDoor = "Bearer " + TestTokens.withRole("icom-greece", "door");
        for (String caller : List.of(partner, door, partnerDoor)) {
            List<Integer> allowed = caller.equals(partner) ? List.of(403, 404) : List.of(403);
            assertRefused(
                    post("/api/events/" + eventId + "/messages")
                            .header(HttpHeaders.AUTHORIZATION, caller)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(MESSAGE),
                    allowed,
                    email);
            assertRefused(
                    post("/api/events/" + eventId + "/messages/preview")
                            .header(HttpHeaders.AUTHORIZATION, caller)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(MESSAGE),
                    allowed,
                    email);
            assertRefused(
                    get("/api/events/" + eventId + "/messages").header(HttpHeaders.AUTHORIZATION, caller),
                    allowed,
                    email);
            assertRefused(
                    get("/api/events/" + eventId + "/notifications").header(HttpHeaders.AUTHORIZATION, caller),
                    allowed,
                    email);
        }
        assertThat(log.of(eventId, "MESSAGE")).isEmpty();

        // The owner's organisers still read the delivery log.
        MockHttpServletResponse own = mvc.perform(get("/api/events/" + eventId + "/notifications")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andReturn()
                .getResponse();
        assertThat(own.getStatus()).isEqualTo(200);
    }

    private void assertRefused(RequestBuilder request, List<Integer> statuses, String email) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isIn(statuses);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).doesNotContain(email).doesNotContain("Camille");
    }
}
