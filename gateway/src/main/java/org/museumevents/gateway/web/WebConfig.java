package org.museumevents.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The pages' language: {@code ?lang=fr|en|es} on any page, remembered in a cookie. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new Languages.Resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageChange = new LocaleChangeInterceptor();
        languageChange.setParamName("lang");
        languageChange.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageChange).excludePathPatterns("/api/**", "/oauth2/**", "/actuator/**");
    }
}
