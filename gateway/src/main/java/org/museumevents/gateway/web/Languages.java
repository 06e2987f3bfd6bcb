package org.museumevents.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The site's languages, French, English and Spanish: the one chosen with {@code ?lang=} (kept in
 * a cookie), else the best match of the browser's Accept-Language, else English. Any other
 * language, from a parameter or a forged cookie, is ignored.
 */
public final class Languages {

    public static final List<String> CODES = List.of("fr", "en", "es");
    static final String COOKIE = "lang";
    static final Locale FALLBACK = Locale.ENGLISH;

    private static final List<Locale> SUPPORTED =
            CODES.stream().map(Locale::forLanguageTag).toList();

    private Languages() {}

    public static boolean isSupported(String code) {
        return code != null && CODES.contains(code);
    }

    static Locale fromAcceptLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header: as if there were none.
            }
        }
        return FALLBACK;
    }

    /** A cookie {@code lang}, set by {@code ?lang=} on any page. */
    static final class Resolver extends CookieLocaleResolver {

        Resolver() {
            super(COOKIE);
            setDefaultLocaleFunction(Languages::fromAcceptLanguage);
            setCookieMaxAge(Duration.ofDays(365));
            setCookieSameSite("Lax");
            setCookieHttpOnly(true);
            // A forged or broken cookie ("lang=@@") is ignored as any other language is, instead of
            // failing the page with a 500.
            setRejectInvalidCookies(false);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(super.resolveLocale(request), request);
        }

        /**
         * Lazy, as the parent's: {@code ?lang=} changes the locale after this context is made, and
         * what reads it later (dates, event texts) must see the change.
         */
        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            LocaleContext context = super.resolveLocaleContext(request);
            return new TimeZoneAwareLocaleContext() {
                @Override
                public Locale getLocale() {
                    return supported(context.getLocale(), request);
                }

                @Override
                public TimeZone getTimeZone() {
                    return context instanceof TimeZoneAwareLocaleContext zoned ? zoned.getTimeZone() : null;
                }
            };
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
            Locale locale = context == null ? null : context.getLocale();
            if (locale != null && isSupported(locale.getLanguage())) {
                super.setLocaleContext(
                        request,
                        response,
                        new SimpleTimeZoneAwareLocaleContext(Locale.forLanguageTag(locale.getLanguage()), null));
            }
        }

        private static Locale supported(Locale locale, HttpServletRequest request) {
            if (locale != null && isSupported(locale.getLanguage())) {
                return Locale.forLanguageTag(locale.getLanguage());
            }
            return fromAcceptLanguage(request);
        }
    }
}
