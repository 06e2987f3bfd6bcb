package org.museumevents.gateway.web.participant;

import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The countries a {@code COUNTRY} question offers: Java's {@link Locale#getISOCountries()}, the
 * same list registration-service checks answers against, named in the page's language.
 */
final class Countries {

    /** The codes registration-service accepts. */
    static final Set<String> CODES = Set.of(Locale.getISOCountries());

    /** Only the site's own languages are kept, so that the cache stays small whatever is asked. */
    private static final Set<String> CACHED = Set.of("fr", "en", "es");

    private static final Map<String, List<Country>> BY_LANGUAGE = new ConcurrentHashMap<>();

    private Countries() {}

    /**
     * One country of the select.
     *
     * @param code its ISO 3166-1 alpha-2 code, the answer sent
     * @param name its name in the page's language
     */
    public record Country(String code, String name) {}

    /**
     * @param locale the page's locale
     * @return every country, sorted by its name in that language
     */
    static List<Country> in(Locale locale) {
        String language = locale.getLanguage();
        return CACHED.contains(language) ? BY_LANGUAGE.computeIfAbsent(language, Countries::sorted) : sorted(language);
    }

    /**
     * @param code a country code
     * @param locale the page's locale
     * @return the country's name in that language, else the code itself
     */
    static String name(String code, Locale locale) {
        if (code == null || !CODES.contains(code)) {
            return code;
        }
        String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(locale);
        return name.isBlank() ? code : name;
    }

    private static List<Country> sorted(String language) {
        Locale locale = Locale.forLanguageTag(language);
        Collator collator = Collator.getInstance(locale);
        return Arrays.stream(Locale.getISOCountries())
                .map(code -> new Country(code, name(code, locale)))
                .sorted(Comparator.comparing(Country::name, collator))
                .toList();
    }
}
