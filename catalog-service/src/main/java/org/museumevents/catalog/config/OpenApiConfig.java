package org.museumevents.catalog.config;

import io.swagger.v3.oas.models.media.StringSchema;
import java.time.LocalDateTime;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * What the catalog's OpenAPI description adds to the service-starter's defaults (title and texts
 * are {@code catalog.api.*} in application.yml): event times are local wall-clock times in the
 * event's timeZone, written without an offset (see {@link LocalTimes}), not the RFC 3339 date-time
 * that LocalDateTime would otherwise be described as.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        LocalDateTime.class,
                        new StringSchema()
                                .description("local date and time, without offset")
                                .example("2021-02-16T13:00"));
    }
}
