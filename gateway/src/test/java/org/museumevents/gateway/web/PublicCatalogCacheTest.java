package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

/**
 * What a public page costs the catalog (issue 13): a home page view asks it twice at most (a page
 * of events, the series' names), an event page once, and repeated views within a few seconds not
 * at all. Only what anyone may read is kept, without the meeting, for at most 10 s; an organiser's
 * own reads always reach the catalog, and an organiser's change through the gateway shows at once.
 */
@GatewayIntegrationTest
class PublicCatalogCacheTest {

    static final StandIn catalog = StandIns.CATALOG;

    @Autowired
    MockMvc mvc;

    @Autowired
    CacheManager caches;

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events", json(Contract.page(Contract.publicEvent(EVENT_ID))))
                .on("GET", "/api/series", json(Contract.page(Contract.series())))
                // A catalog that wrongly sent the meeting: it is not kept either.
                .on("GET", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "PUBLISHED")));
    }

    @Test
    void repeatedPublicPageViewsAskTheCatalogOnce() throws Exception {
        for (int view = 0; view < 3; view++) {
            mvc.perform(get("/")).andExpect(status().isOk());
            mvc.perform(get("/events/" + EVENT_ID)).andExpect(status().isOk());
        }

        assertThat(catalog.received("GET", "/api/events")).hasSize(1);
        assertThat(catalog.received("GET", "/api/series")).hasSize(1);
        assertThat(catalog.received("GET", "/api/events/" + EVENT_ID)).hasSize(1);
        // Other filters are other questions.
        mvc.perform(get("/").param("q", "solidarité")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
        assertThat(catalog.received("GET", "/api/series")).hasSize(1);
    }

    @Test
    void anAnswerThatCannotBeReadIsAnUnavailablePageAndIsNotKept() throws Exception {
        catalog.on("GET", "/api/events", json("{\"content\": [")); // cut short, as a read timeout leaves it
        mvc.perform(get("/")).andExpect(status().isServiceUnavailable());
        catalog.on("GET", "/api/events", json(Contract.page(Contract.publicEvent(EVENT_ID))));
        mvc.perform(get("/")).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events")).hasSize(2);
    }

    @Test
    void whatIsKeptIsPublicAndLivesAtMostTenSeconds() throws Exception {
        mvc.perform(get("/events/" + EVENT_ID))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(Contract.PASSCODE))));

        Event kept = caches.getCache(PublicCatalogCache.EVENT).get(UUID.fromString(EVENT_ID), Event.class);
        assertThat(kept).isNotNull();
        assertThat(kept.meeting()).isNull();
        for (String name : caches.getCacheNames()) {
            Cache<Object, Object> cache = ((CaffeineCache) caches.getCache(name)).getNativeCache();
            assertThat(cache.policy().expireAfterWrite().orElseThrow().getExpiresAfter())
                    .as(name)
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> new PublicCatalogCache.Settings(Duration.ofSeconds(11), 1, 1, DataSize.ofMegabytes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrganisersReadsAreNeverKeptAndTheirChangesShowAtOnce() throws Exception {
        mvc.perform(get("/events/" + EVENT_ID)).andExpect(status().isOk());
        for (int view = 0; view < 2; view++) {
            mvc.perform(get("/organiser/events/" + EVENT_ID).with(OrganiserPagesTest.estelle()))
                    .andExpect(status().isOk());
        }
        assertThat(catalog.received("GET", "/api/events/" + EVENT_ID)).hasSize(3);

        catalog.on("POST", "/api/events/" + EVENT_ID + "/cancel", json(Contract.event(EVENT_ID, "CANCELLED")))
                .on("GET", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "CANCELLED")));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/cancel")
                        .with(OrganiserPagesTest.estelle())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        int asked = catalog.received("GET", "/api/events/" + EVENT_ID).size();
        mvc.perform(get("/events/" + EVENT_ID)).andExpect(status().isOk());
        assertThat(catalog.received("GET", "/api/events/" + EVENT_ID)).hasSize(asked + 1);
        assertThat(caches.getCache(PublicCatalogCache.EVENT)
                        .get(UUID.fromString(EVENT_ID), Event.class)
                        .status())
                .isEqualTo("CANCELLED");
    }
}
