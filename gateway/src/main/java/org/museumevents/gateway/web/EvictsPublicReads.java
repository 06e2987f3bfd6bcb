package org.museumevents.gateway.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.cache.annotation.CacheEvict;

/**
 * On a {@link CatalogClient} write: empties every public cache of this gateway once the catalog has
 * answered ({@link PublicCatalogCache}: the catalog's public reads and the kept public answers of
 * {@link PublicResponses}), so that an organiser's change through the pages shows at once.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@CacheEvict(
        cacheNames = {
            PublicCatalogCache.EVENT,
            PublicCatalogCache.EVENTS,
            PublicCatalogCache.SERIES,
            PublicCatalogCache.RESPONSES
        },
        allEntries = true)
@interface EvictsPublicReads {}
