package org.museumevents.catalog.config;

import java.time.LocalDateTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * Local event times are written as the contract shows them, {@code 2021-02-16T13:00}, with
 * seconds only when there are any ({@link LocalDateTime#toString()}). Reading accepts both.
 */
@Configuration(proxyBeanMethods = false)
public class LocalTimes {

    @Bean
    JacksonModule localTimesModule() {
        return module();
    }

    /** The same module for code that builds its own mapper (the message contract test). */
    public static JacksonModule module() {
        return new SimpleModule("local-times").addSerializer(LocalDateTime.class, ToStringSerializer.instance);
    }
}
