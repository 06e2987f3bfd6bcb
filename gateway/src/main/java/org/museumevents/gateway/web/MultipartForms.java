package org.museumevents.gateway.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets Tomcat read a {@code multipart/form-data} page form (the organiser's attendance import,
 * issue 16) whenever a filter first asks for a parameter. Spring Security's CSRF check and the
 * gateway's own filters ask before the dispatcher would parse the body, and Tomcat then answered
 * "no parameters" and kept no parts: the form's {@code _csrf} was never seen (403) and its file was
 * lost. With casual multipart parsing Tomcat parses the parts at that first ask, bounded by the
 * connector's {@code server.tomcat.max-http-form-post-size} (512 KB in application.yml: a larger
 * upload finds no parameters, so its CSRF token is missing and the page answers 403 without
 * reading it).
 *
 * <p>Proven by the local platform's {@code CheckInBrowserTest}, which uploads a report with the
 * page's own form; without this, with the token even moved to the form's query, it failed with the
 * page saying "Choisissez un fichier CSV, s’il vous plaît." (no file received).
 */
@Component
class MultipartForms implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.setAllowCasualMultipartParsing(true));
    }
}
