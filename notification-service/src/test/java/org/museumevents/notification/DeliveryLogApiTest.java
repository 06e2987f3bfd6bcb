package org.museumevents.notification;

import static org.hamcrest.Matchers.hasSize;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The delivery log, over HTTP: the event's organisers only, with the contract's fields. */
@NotificationIntegrationTest
class DeliveryLogApiTest {

    @Autowired
    DeliveryLog log;

    @Autowired
    MockMvc mvc;

    @Test
    void theEventsOrganisersSeeItsDeliveryLogAndNobodyElse() throws Exception {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId)); // organisation icom-france
        UUID registrationId = UUID.randomUUID();
        String email = unique("logged");
        announce(registration("RegistrationConfirmed", eventId, registrationId, email));
        Inbox.awaitOne(email);
        org.awaitility.Awaitility.await().until(() -> log.of(eventId, "CONFIRMATION").stream()
                .anyMatch(e -> e.status().equals("SENT")));

        String path = "/api/events/" + eventId + "/notifications";
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.kind == 'CONFIRMATION')]", hasSize(1)))
                .andExpect(jsonPath("$[?(@.kind == 'CONFIRMATION')].registrationId")
                        .value(registrationId.toString()))
                .andExpect(jsonPath("$[?(@.kind == 'CONFIRMATION')].recipient").value(email))
                .andExpect(jsonPath("$[?(@.kind == 'CONFIRMATION')].status").value("SENT"))
                .andExpect(jsonPath("$[?(@.kind == 'CONFIRMATION')].attempts").value(1))
                .andExpect(jsonPath("$[?(@.kind == 'REMINDER')]", hasSize(2)))
                .andExpect(jsonPath("$[?(@.kind == 'REMINDER')].status")
                        .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("SCHEDULED"))));
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("ocim")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/events/not-a-uuid/notifications")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andExpect(status().isBadRequest());
    }
}
