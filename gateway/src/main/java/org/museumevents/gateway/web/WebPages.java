package org.museumevents.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page shows (the language switcher, who is logged in) and how pages fail: a service
 * down is a friendly 503 page, a service's refusal a page in plain words; never a stack trace.
 */
@ControllerAdvice(basePackages = "org.museumevents.gateway.web")
class WebPages {

    private static final Logger log = LoggerFactory.getLogger(WebPages.class);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final PlainWords words;

    WebPages(PlainWords words) {
        this.words = words;
    }

    /** This page in each language: its URL with {@code lang} replaced (for a form's answer, the form's page). */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        UriComponentsBuilder here;
        String referer = request.getHeader(HttpHeaders.REFERER);
        // A long Referer would be repeated three times ahead of the form and outgrow the response buffer.
        if (!"GET".equals(request.getMethod())
                && sameSite(referer, request)
                && referer.length() <= PageInput.MAX_QUERY) {
            URI from = URI.create(referer);
            here = UriComponentsBuilder.fromPath(from.getRawPath()).query(from.getRawQuery());
        } else if ("GET".equals(request.getMethod())) {
            here = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        } else {
            here = UriComponentsBuilder.fromPath("/");
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (String language : Languages.CODES) {
            links.put(
                    language,
                    here.cloneBuilder()
                            .replaceQueryParam("lang", language)
                            .build()
                            .toUriString());
        }
        return links;
    }

    /** The organiser logged in, for the header's logout button; null for a participant. */
    @ModelAttribute("organiserName")
    String organiserName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || TRUST.isAnonymous(authentication)) {
            return null;
        }
        return authentication.getName();
    }

    @ExceptionHandler(ServiceUnavailable.class)
    ModelAndView unavailable(ServiceUnavailable e, HttpServletRequest request, HttpServletResponse response) {
        // Ids only: the query may carry a registrant's token.
        log.warn(
                "{} service unavailable for page {} {}: {}",
                e.service(),
                request.getMethod(),
                request.getRequestURI(),
                e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        return page("unavailable", HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler(ServiceProblem.class)
    ModelAndView refused(ServiceProblem e, HttpServletRequest request) {
        if (e.status() == 404) {
            return page("not-found", HttpStatus.NOT_FOUND, request);
        }
        if (e.status() == 401) {
            // Our own token was refused: the services and the gateway disagree on keys or issuer.
            log.warn("A service refused the organiser token for {} {}", request.getMethod(), request.getRequestURI());
        }
        HttpStatus status = HttpStatus.resolve(e.status());
        ModelAndView page = page("problem", status == null ? HttpStatus.BAD_REQUEST : status, request);
        page.addObject("problemMessage", words.of(e.problem()));
        page.addObject("problemReason", e.reason());
        return page;
    }

    /** A path that cannot name anything, such as {@code /events/not-a-uuid}. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView nothingThere(HttpServletRequest request) {
        return page("not-found", HttpStatus.NOT_FOUND, request);
    }

    private ModelAndView page(String view, HttpStatus status, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("languageLinks", languageLinks(request));
        page.addObject("organiserName", organiserName());
        return page;
    }

    private static boolean sameSite(String referer, HttpServletRequest request) {
        if (referer == null) {
            return false;
        }
        try {
            URI uri = URI.create(referer);
            return request.getServerName().equalsIgnoreCase(uri.getHost()) && uri.getRawPath() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
