package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Whole public answers kept a few seconds ({@link PublicResponses}, issue 13): the home page and
 * the public lists are made once for every anonymous visitor, and nothing made for an organiser, a
 * session, a token or a failure is kept or served from there. A page made from the kept answer
 * asks neither the catalog nor the template engine, which is what these tests see: with the
 * catalog's own reads forgotten ({@link #forgetTheCatalogReads()}), a kept answer reaches no
 * service at all.
 */
@GatewayIntegrationTest
class PublicResponsesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;

    @Autowired
    MockMvc mvc;

    @Autowired
    CacheManager caches;

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events", json(Contract.page(Contract.publicEvent(EVENT_ID))))
                .on("GET", "/api/series", json(Contract.page(Contract.series())));
    }

    /** Leaves only {@link PublicCatalogCache#RESPONSES}: what is answered then comes from it or from the catalog. */
    private void forgetTheCatalogReads() {
        for (String name :
                new String[] {PublicCatalogCache.EVENT, PublicCatalogCache.EVENTS, PublicCatalogCache.SERIES}) {
            caches.getCache(name).clear();
        }
    }

    @Test
    void anAnonymousHomePageIsMadeOnceAndAnsweredAsItWas() throws Exception {
        String first = mvc.perform(get("/").header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        forgetTheCatalogReads();

        mvc.perform(get("/").header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(header().exists("X-Content-Type-Options"))
                .andExpect(content().string(first));
        assertThat(catalog.received("GET", "/api/events")).hasSize(1);

        // Another language is another page, made for its visitors.
        mvc.perform(get("/").header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"es\"")));
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
    }

    @Test
    void theListsAreKeptForAnonymousCallersOnlyAndATokensAnswerIsNeverKept() throws Exception {
        mvc.perform(get("/api/events").param("page", "0")).andExpect(status().isOk());
        mvc.perform(get("/api/events").param("page", "0"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        assertThat(catalog.received("GET", "/api/events")).hasSize(1);

        // An organiser's token: the catalog answers it (drafts, meetings) every time...
        catalog.on("GET", "/api/events", json(Contract.page(Contract.event(EVENT_ID, "DRAFT"))));
        for (int call = 0; call < 2; call++) {
            mvc.perform(get("/api/events").param("page", "0").header("Authorization", "Bearer t0k3n"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(Contract.PASSCODE)));
        }
        assertThat(catalog.received("GET", "/api/events")).hasSize(3);
        // ... and what it was answered is nobody else's.
        mvc.perform(get("/api/events").param("page", "0"))
                .andExpect(content().string(not(containsString(Contract.PASSCODE))));
        mvc.perform(get("/api/events").param("page", "1"))
                .andExpect(content().string(containsString(Contract.PASSCODE)));
        assertThat(catalog.received("GET", "/api/events")).hasSize(4);
    }

    @Test
    void anOrganisersOrASessionsPageIsNeitherServedFromHereNorKept() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk());

        mvc.perform(get("/").with(OrganiserPagesTest.estelle()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("logout-button")));
        // A visitor with a session (Spring Session's, known by its cookie): the login page opens one.
        Cookie session = mvc.perform(get("/login")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
        forgetTheCatalogReads();
        mvc.perform(get("/")).andExpect(content().string(not(containsString("logout-button"))));
        assertThat(catalog.received("GET", "/api/events")).hasSize(1);
    }

    @Test
    void choosingALanguageSetsItsCookieEveryTime() throws Exception {
        for (int view = 0; view < 2; view++) {
            mvc.perform(get("/").param("lang", "es"))
                    .andExpect(status().isOk())
                    .andExpect(cookie().value("lang", "es"));
        }
    }

    @Test
    void aFailureIsNotKept() throws Exception {
        catalog.on("GET", "/api/series", json(400, "{\"title\": \"Bad Request\", \"status\": 400}"));
        mvc.perform(get("/api/series").param("size", "1000")).andExpect(status().isBadRequest());
        catalog.on("GET", "/api/series", json(Contract.page(Contract.series())));
        mvc.perform(get("/api/series").param("size", "1000")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/series")).hasSize(2);
    }

    @Test
    void aCatalogWriteThroughTheGatewayEmptiesItAndARegistrationDoesNot() throws Exception {
        mvc.perform(get("/api/events")).andExpect(status().isOk());
        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/registrations",
                json(201, Contract.registered("CONFIRMED", null)));
        mvc.perform(post("/api/events/" + EVENT_ID + "/registrations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Ana\", \"email\": \"ana@example.org\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/events")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(1);

        catalog.on("POST", "/api/events/" + EVENT_ID + "/cancel", json(Contract.event(EVENT_ID, "CANCELLED")));
        mvc.perform(post("/api/events/" + EVENT_ID + "/cancel").header("Authorization", "Bearer t0k3n"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/events")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
    }

    @Test
    void visitorsAskingWhileItIsBeingMadeWaitForItInsteadOfMakingItAgain() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        catalog.on("GET", "/api/events", request -> {
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(Contract.page(Contract.publicEvent(EVENT_ID)));
        });
        ExecutorService visitors = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int visitor = 0; visitor < 8; visitor++) {
                answered.add(visitors.submit(() -> mvc.perform(get("/api/events"))
                        .andReturn()
                        .getResponse()
                        .getStatus()));
            }
            // Not a timing assertion: whoever arrives later finds the kept answer anyway.
            Thread.sleep(300);
            answer.countDown();
            for (Future<Integer> status : answered) {
                assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            visitors.shutdownNow();
        }
        assertThat(catalog.received("GET", "/api/events")).hasSize(1);
    }

    // Found by the breaking session ------------------------------------------------------------

    @Test
    void whatOneClientNegotiatedIsNotWhatTheOthersGet() throws Exception {
        catalog.on(
                "GET",
                "/api/events",
                request -> request.headers().getOrDefault("accept", "").contains("yaml")
                        ? new StandIn.Answer(200, "application/yaml", "content: []", java.util.Map.of())
                        : json(Contract.page(Contract.publicEvent(EVENT_ID))));
        // Two Accept headers, the second asking for YAML: an attacker's try to poison the list.
        mvc.perform(get("/api/events").header("Accept", "*/*", "application/yaml"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/events").header("Accept", "*/*"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/api/events").header("Accept", "*/*", "application/yaml"))
                .andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(3);
    }

    @Test
    void anOrganisersWriteThroughTheApiShowsAtOnceOnThePagesToo() throws Exception {
        mvc.perform(get("/").header("Accept-Language", "fr")).andExpect(status().isOk());
        // The path goes on as spelled; the catalog decodes it as the gateway's routes do.
        catalog.on("PUT", "/api/%65vents/" + EVENT_ID, json(Contract.event(EVENT_ID, "PUBLISHED")));
        // However the path is spelled, as the routes decode it.
        mvc.perform(put(java.net.URI.create("/api/%65vents/" + EVENT_ID))
                        .header("Authorization", "Bearer t0k3n")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk());
        mvc.perform(get("/").header("Accept-Language", "fr")).andExpect(status().isOk());
        // Both the kept page and the catalog read behind it were forgotten.
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
    }

    @Test
    void anAnswerReadBeforeAWriteAndAnsweredAfterItIsNotKept() throws Exception {
        catalog.on("GET", "/api/events", request -> {
            // The write's clear, landing while this read is on its way back.
            caches.getCache(PublicCatalogCache.RESPONSES).clear();
            return json(Contract.page(Contract.publicEvent(EVENT_ID)));
        });
        mvc.perform(get("/api/events")).andExpect(status().isOk());
        catalog.on("GET", "/api/events", json(Contract.page(Contract.publicEvent(EVENT_ID))));
        mvc.perform(get("/api/events")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);

        // The same for the catalog's reads behind the pages (@Cacheable).
        catalog.on("GET", "/api/series", request -> {
            caches.getCache(PublicCatalogCache.SERIES).clear();
            return json(Contract.page(Contract.series()));
        });
        mvc.perform(get("/").header("Accept-Language", "es")).andExpect(status().isOk());
        assertThat(caches.getCache(PublicCatalogCache.SERIES).get("all")).isNull();
    }

    @Test
    void aLargePageIsPassedThroughAndNotKept() throws Exception {
        for (int call = 0; call < 2; call++) {
            mvc.perform(get("/api/events").param("size", "100")).andExpect(status().isOk());
        }
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
    }

    @Test
    void aBrokenLanguageCookieIsIgnored() throws Exception {
        for (String page : new String[] {"/", "/privacy"}) {
            mvc.perform(get(page)
                            .cookie(new jakarta.servlet.http.Cookie("lang", "@@"))
                            .header("Accept-Language", "fr"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("lang=\"fr\"")));
        }
    }
}
