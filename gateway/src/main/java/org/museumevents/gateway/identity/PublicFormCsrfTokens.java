package org.museumevents.gateway.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.web.util.UrlPathHelper;

/**
 * Where the site's CSRF tokens (Spring Security's synchronizer tokens, OWASP's CSRF cheat sheet)
 * are kept: for the participants' public forms (an event's registration form, a series' follow
 * form, the manage, reconfirmation and subscription pages) in a cookie of their own ({@code
 * XSRF-TOKEN}: HttpOnly, {@code SameSite=Lax}, compared with the form's {@code _csrf} field, the
 * double-submit pattern); for everything else (the login form, the organiser pages) in the
 * session, as before.
 *
 * <p>Why (issue 18's review): in the session, each first view of an event page by a visitor (a
 * crawler's too) wrote a session row to the gateway's database, and while that database was down
 * the event pages and the web registration form answered 503. With the cookie they open no
 * session, any gateway instance checks the form, and they work without the gateway's database.
 */
final class PublicFormCsrfTokens implements CsrfTokenRepository {

    /** The participants' pages, as {@code SecurityConfig} permits them to anyone. */
    private static final List<String> PUBLIC_FORMS =
            List.of("/events/", "/series/", "/registrations/", "/subscriptions/");

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final CsrfTokenRepository cookies;
    private final CsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

    PublicFormCsrfTokens() {
        CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();
        cookie.setCookieCustomizer(customizer -> customizer.sameSite("Lax"));
        this.cookies = cookie;
    }

    private CsrfTokenRepository of(HttpServletRequest request) {
        String path = PATHS.getPathWithinApplication(request);
        return PUBLIC_FORMS.stream().anyMatch(path::startsWith) ? cookies : sessions;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return of(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return of(request).loadToken(request);
    }
}
