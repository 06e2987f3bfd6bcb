package org.museumevents.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
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

    /**
     * A form field name the forms' beans can bind: list indexes, if any, are small non-negative
     * numbers ({@code questions[3].kind}); the forms have no map-keyed fields.
     */
    private static final Pattern BINDABLE_NAME = Pattern.compile("[^\\[\\]]*(\\[[0-9]{1,6}\\][^\\[\\]]*)*");

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

    /**
     * Before any form bean is bound: a field naming a list index that is not a small non-negative
     * number ({@code recipients[-1]}, {@code recipients[abc]}) would fail inside the binder with an
     * unchecked exception, so the form is refused as unreadable (see {@link #unreadable}).
     */
    @InitBinder
    void refuseUnbindableNames(WebDataBinder binder, HttpServletRequest request) {
        // A form bean's binder has its type before the bean is made; a request parameter's has none.
        Class<?> form = binder.getTarget() != null
                ? binder.getTarget().getClass()
                : binder.getTargetType() == null ? null : binder.getTargetType().resolve();
        if (form == null) {
            return;
        }
        for (String name : request.getParameterMap().keySet()) {
            // Without a "[" closed by a later "]" the binder reads no index; a name that is not one of
            // the form's properties ("answers[institution]") it ignores.
            int open = name.indexOf('[');
            if (open > 0
                    && name.indexOf(']', open) > open
                    && BeanUtils.getPropertyDescriptor(form, name.substring(0, open)) != null
                    && !BINDABLE_NAME.matcher(name).matches()) {
                throw new InvalidPropertyException(Object.class, "form", "Unbindable field name");
            }
        }
    }

    /**
     * A form post that cannot be bound, on any page (organiser or participant): a list index far past
     * any the page shows ({@code questions[100000].kind}), negative or not a number. A 400 page
     * saying the form could not be read, never a failure.
     */
    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView unreadable(HttpServletRequest request) {
        ModelAndView page = page("problem", HttpStatus.BAD_REQUEST, request);
        page.addObject("problemMessage", words.message("organiser.form.unreadable"));
        page.addObject("problemReason", "unreadable-form");
        return page;
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
