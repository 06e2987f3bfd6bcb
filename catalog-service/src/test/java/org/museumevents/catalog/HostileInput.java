package org.museumevents.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Values a hostile or careless client sends, for the property tests over the catalog's endpoints:
 * odd strings (control characters, lone surrogates, bidi overrides, injections, huge), odd
 * numbers, dates far outside any event, zones that are offsets, JSON of every type and depth, and
 * ways to break a JSON document. Plain jqwik arbitraries; no Spring.
 */
final class HostileInput {

    static final List<String> NASTY = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "\u0007",
            "\u001B[31m",
            "\u0085",
            "\u009B",
            "\u202Eevil",
            "\uFEFF",
            "\uD800",
            "\uDC00x",
            "e\u0301\u0301\u0301",
            "\uD83C\uDFA8\uD83D\uDDBC\uFE0F",
            "\u2028",
            "\u2029",
            "line\nBcc: everyone@example.org",
            "\r\n",
            "\t",
            "%00",
            "%zz",
            "%2F",
            "..",
            "../../etc/passwd",
            "' OR 1=1 --",
            "%' OR '%'='",
            "_%\\",
            "${jndi:ldap://example.org/a}",
            "<script>alert(1)</script>",
            "\\",
            "\"",
            "null",
            "NaN",
            "-0",
            "1e400",
            "99999999999999999999",
            "Europe/Paris",
            "UTC",
            "UTC+1",
            "+02:00",
            "Z",
            "GMT+1",
            "SystemV/AST4",
            "Etc/GMT+1",
            "9999-12-31",
            "+250000-01-01",
            "+250000-01-01T10:00",
            "+999999999-12-31T23:59:59",
            "-999999999-01-01",
            "0000-01-01T00:00",
            "1900-01-01",
            "2027-02-30",
            "2027-02-16T25:00",
            "2027-02-16",
            "2027-02-16T13:00",
            "2027-02-16T13:00:00Z",
            "2100-12-31T23:59:59",
            "P1D",
            "PT0S",
            "P999999999D",
            "FREQ=MONTHLY;BYDAY=3TU",
            "FREQ=YEARLY;BYHOUR=1,2,3;BYMINUTE=1,2,3;BYSECOND=1,2,3",
            "DRAFT",
            "PUBLISHED",
            "CANCELLED",
            "ONLINE",
            "IN_PERSON",
            "fr",
            "https://zoom.example/j/1",
            "javascript:alert(1)");

    private HostileInput() {}

    /** Strings of every kind, most short, a few very long. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NASTY)),
                Tuple.of(3, Arbitraries.lazy(HostileInput::dates)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                ZoneId.getAvailableZoneIds().stream().sorted().toList())),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("-_:.+/ ")
                                .ofMaxLength(30)),
                Tuple.of(2, Arbitraries.longs().map(bits -> new UUID(bits, ~bits).toString())),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(300).ofMaxLength(30_000)));
    }

    /**
     * Dates, local date-times and instants as ISO-8601 text, in and far out of any plausible year
     * (from the smallest to the largest year Java reads), and a few that are not dates at all.
     */
    static Arbitrary<String> dates() {
        Arbitrary<Integer> years = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(2000, 2100)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                -999_999_999, -1, 0, 1, 1900, 1969, 1999, 2101, 9999, 10_000, 250_000, 999_999_999)),
                Tuple.of(1, Arbitraries.integers().between(-999_999_999, 999_999_999)));
        Arbitrary<java.time.LocalDate> days = Combinators.combine(
                        years,
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28))
                .as(java.time.LocalDate::of);
        return Arbitraries.frequencyOf(
                Tuple.of(3, days.map(java.time.LocalDate::toString)),
                Tuple.of(3, days.map(day -> day.atTime(13, 0).toString())),
                Tuple.of(2, days.map(day -> day.atTime(23, 59, 59)
                        .toInstant(java.time.ZoneOffset.UTC)
                        .toString())),
                Tuple.of(1, Arbitraries.of("2027-02-30", "2027-13-01", "2027-02-16T25:00", "tomorrow", "")));
    }

    /** Numbers of every size and form, as JSON would carry them. */
    public static Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().between(-3, 400).map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(
                        new BigDecimal("1E+400"),
                        new BigDecimal("-1E-400"),
                        new BigInteger("99999999999999999999999999999999"),
                        new BigDecimal("0.5"),
                        -0.0d));
    }

    /** Any JSON value, nested at most {@code depth} deep. */
    public static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> scalar = Arbitraries.frequencyOf(
                Tuple.of(4, strings().map(Object.class::cast)),
                Tuple.of(2, numbers()),
                Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
                Tuple.of(1, Arbitraries.just(null)));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<Object> nested = Arbitraries.lazy(() -> json(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, nested.list().ofMaxSize(4).map(Object.class::cast)),
                Tuple.of(
                        1,
                        Arbitraries.maps(Arbitraries.of("fr", "en", "es", "de", "", "name", "url", "rule"), nested)
                                .ofMaxSize(3)
                                .map(Object.class::cast)));
    }

    /** A change to one place of a valid body: a new value there, or the field removed. */
    public record Mutation(List<Object> path, boolean remove, Object value) {}

    /** One to three changes at the given places of a body. */
    public static Arbitrary<List<Mutation>> mutations(List<List<Object>> places) {
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.of(places), Arbitraries.frequency(Tuple.of(1, true), Tuple.of(6, false)), json(2))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Texts a field of its type accepts in length, of every character: the body stays otherwise valid. */
    static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)),
                Tuple.of(
                        3,
                        Arbitraries.strings()
                                .withCharRange('\u0000', '\u00FF')
                                .ofMinLength(1)
                                .ofMaxLength(30)),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.strings().alpha().ofMaxLength(10),
                                        Arbitraries.chars().range('\u0000', '\u009F'),
                                        Arbitraries.strings().alpha().ofMaxLength(10))
                                .as((before, c, after) -> before + c + after)),
                Tuple.of(2, Arbitraries.of(NASTY).filter(text -> !text.isBlank())));
    }

    /** One to three odd texts written into text fields of a valid body. */
    static Arbitrary<List<Mutation>> textMutations(List<List<Object>> places) {
        return Combinators.combine(Arbitraries.of(places), texts())
                .as((place, text) -> new Mutation(place, false, text))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    /** Applies {@code mutations} to a deep, mutable copy of {@code body}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> body, List<Mutation> mutations) {
        Map<String, Object> copy = (Map<String, Object>) copy(body);
        for (Mutation mutation : mutations) {
            Object parent = copy;
            List<Object> path = mutation.path();
            for (int i = 0; i < path.size() - 1 && parent != null; i++) {
                Object step = path.get(i);
                Object next = get(parent, step);
                if (next == null || !(next instanceof Map || next instanceof List)) {
                    next = path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
                    put(parent, step, next);
                }
                parent = next;
            }
            Object last = path.get(path.size() - 1);
            if (mutation.remove()) {
                remove(parent, last);
            } else {
                put(parent, last, mutation.value());
            }
        }
        return copy;
    }

    /** Ways to break a serialised document: cut it, slip a character in, nest it too deep, make it huge. */
    public static Arbitrary<java.util.function.UnaryOperator<String>> breakages() {
        return Arbitraries.oneOf(
                Arbitraries.just(document -> document),
                Arbitraries.integers()
                        .between(0, 1000)
                        .map(cut -> document -> document.substring(0, Math.min(cut, document.length()))),
                Combinators.combine(
                                Arbitraries.integers().between(0, 1000),
                                Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\n', 'x', '\uD800'))
                        .as((at, c) -> document -> {
                            int i = Math.min(at, document.length());
                            return document.substring(0, i) + c + document.substring(i);
                        }),
                Arbitraries.integers()
                        .between(100, 5000)
                        .map(depth -> document -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers()
                        .between(100, 5000)
                        .map(depth -> document -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.just(document -> "{\"title\": {\"fr\": \"" + "x".repeat(300_000) + "\"}}"),
                Arbitraries.of("", "null", "[]", "\"text\"", "42", "true", "{}", "{\"title\":", "\u0000{}", "{}{}")
                        .map(fixed -> document -> fixed));
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object parent, Object step) {
        if (parent instanceof Map<?, ?> map) {
            return map.get(String.valueOf(step));
        }
        List<Object> list = (List<Object>) parent;
        int index = step instanceof Integer i ? i : 0;
        return index < list.size() ? list.get(index) : null;
    }

    @SuppressWarnings("unchecked")
    private static void put(Object parent, Object step, Object value) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(String.valueOf(step), value);
            return;
        }
        List<Object> list = (List<Object>) parent;
        int index = step instanceof Integer i ? i : 0;
        while (list.size() <= index) {
            list.add(null);
        }
        list.set(index, value);
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object parent, Object step) {
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).remove(String.valueOf(step));
        } else if (parent instanceof List<?> list && step instanceof Integer i && i < list.size()) {
            ((List<Object>) list).remove((int) i);
        }
    }
}
