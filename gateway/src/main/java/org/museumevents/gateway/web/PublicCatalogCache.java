package org.museumevents.gateway.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * A few seconds' cache of the catalog's public reads behind the participant pages (issue 13): under
 * load, every visitor of the home page asked the catalog for the same events and the same series.
 * Only what anyone may read is cached, as {@link CatalogClient} asks it without a token and strips
 * the meeting before it is kept: an event, a page of events, the series' names. Nothing read with
 * an organiser's token passes through here, and an organiser's change made through this gateway
 * empties these caches at once ({@link CatalogClient}).
 *
 * <p>Why a few seconds: an event cancelled or changed through another gateway instance, or the
 * API, shows on this instance's pages at most {@code ttl} later (5 s by default, at most 10 s), the
 * delay registration-service takes anyway to hear of it on Kafka; registering is decided by
 * registration-service, never by a cached page. At 100 visitors a second on one page, the catalog
 * is asked once per {@code ttl} instead of 100 times a second; the entries are bounded in number,
 * so the memory they take is too (a public event is at most about 60 kB of text).
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class PublicCatalogCache {

    /** An event as anyone sees it, by id. */
    static final String EVENT = "public-event";
    /** A page of published events, by its query. */
    static final String EVENTS = "public-events";
    /** The series' names, for the home page's filter and list. */
    static final String SERIES = "public-series";
    /** Whole answers to anonymous visitors: the home page and the public lists ({@link PublicResponses}). */
    static final String RESPONSES = "public-responses";

    /**
     * Each kind kept for half of {@code ttl}: the home page is made from the catalog's reads and
     * then kept itself, so that what it shows is at most {@code ttl} behind the catalog.
     */
    @Bean
    CacheManager cacheManager(Settings settings) {
        Duration half = settings.ttl().dividedBy(2);
        SimpleCacheManager caches = new SimpleCacheManager();
        caches.setCaches(List.of(
                new PublicCache(
                        EVENT, cache(half).maximumSize(settings.maxEvents()).build()),
                new PublicCache(
                        EVENTS,
                        cache(half).maximumSize(settings.maxEventPages()).build()),
                new PublicCache(SERIES, cache(half).maximumSize(1).build()),
                new PublicCache(
                        RESPONSES,
                        cache(half)
                                .maximumWeight(settings.maxResponseSize().toBytes())
                                .weigher((key, kept) -> ((PublicResponses.Kept) kept).body().length
                                        + key.toString().length())
                                .build())));
        return caches;
    }

    private static Caffeine<Object, Object> cache(Duration ttl) {
        return Caffeine.newBuilder().expireAfterWrite(ttl).recordStats();
    }

    /**
     * {@code gateway.public-cache.*}: how long a public read is kept (0 keeps nothing) and how many
     * of each kind.
     *
     * @param ttl at most 10 s: a cancelled event must not look open for longer than that; each kind is
     *     kept half of it, as a page kept whole was made from reads kept too
     * @param maxEvents events kept, by id
     * @param maxEventPages pages of the event list kept, by filters and page number
     * @param maxResponseSize what whole answers kept may take ({@link PublicResponses}), bodies and keys
     * @throws IllegalArgumentException at start-up for a negative or longer {@code ttl}, or sizes below 1
     */
    @ConfigurationProperties("gateway.public-cache")
    record Settings(
            @DefaultValue("PT5S") Duration ttl,
            @DefaultValue("256") int maxEvents,
            @DefaultValue("64") int maxEventPages,
            @DefaultValue("8MB") DataSize maxResponseSize) {

        static final Duration LONGEST = Duration.ofSeconds(10);

        Settings {
            if (ttl.isNegative() || ttl.compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException(
                        "gateway.public-cache.ttl must be between 0 and " + LONGEST + ", not " + ttl);
            }
            if (maxEvents < 1 || maxEventPages < 1 || maxResponseSize.toBytes() < 1) {
                throw new IllegalArgumentException("gateway.public-cache sizes must be at least 1");
            }
        }
    }
}
