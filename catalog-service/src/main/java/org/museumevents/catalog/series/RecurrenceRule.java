package org.museumevents.catalog.series;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an RRULE may ask of the catalog: what an event series needs, and nothing that makes ical4j
 * expand without bound. ical4j expands every BY* combination of a period before COUNT or BYSETPOS
 * reduce it, so a 60-character rule with BYHOUR, BYMINUTE and BYSECOND lists asks for millions of
 * instants a year. Allowed: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL 1 to {@value
 * #MAX_INTERVAL}; COUNT 1 to {@value #MAX_RULE_COUNT}; UNTIL; BYMONTH, BYMONTHDAY, BYDAY (ordinals
 * in MONTHLY and YEARLY rules only) and BYSETPOS, each a list of at most {@value #MAX_LIST} valid
 * values; WKST. Refused: the SECONDLY, MINUTELY and HOURLY frequencies and BYSECOND, BYMINUTE,
 * BYHOUR (an event series meets at its start time), BYWEEKNO and BYYEARDAY (what they say is said
 * with BYMONTH, BYMONTHDAY and BYDAY), the RFC 7529 and experimental parts, and any part twice.
 */
final class RecurrenceRule {

    static final int MAX_INTERVAL = 52;
    static final int MAX_RULE_COUNT = 1000;
    static final int MAX_LIST = 31;

    static final String SYNTAX = "must be an RFC 5545 RRULE such as FREQ=MONTHLY;BYDAY=3TU";

    private static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    private static final List<String> PARTS =
            List.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST");
    private static final Set<String> DAYS = Set.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,4}");
    private static final Pattern WEEKDAY = Pattern.compile("([+-]?\\d{1,3})?([A-Z]{2})");

    private RecurrenceRule() {}

    /** The rule's text without an optional {@code RRULE:} prefix. */
    static String value(String rule) {
        return rule.startsWith("RRULE:") ? rule.substring("RRULE:".length()) : rule;
    }

    /** What is wrong with the rule for an event series, or null when nothing is. */
    static String problem(String rule) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : value(rule).split(";", -1)) {
            int equals = part.indexOf('=');
            if (equals <= 0 || equals == part.length() - 1) {
                return SYNTAX;
            }
            String name = part.substring(0, equals);
            if (!PARTS.contains(name)) {
                return name.matches("[A-Z-]{1,20}")
                        ? name + " is not for event series: use " + String.join(", ", PARTS)
                        : SYNTAX;
            }
            if (parts.put(name, part.substring(equals + 1)) != null) {
                return name + " must appear once";
            }
        }
        String frequency = parts.get("FREQ");
        if (frequency == null) {
            return SYNTAX;
        }
        if (!FREQUENCIES.contains(frequency)) {
            return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
        }
        String problem = number(parts.get("INTERVAL"), 1, MAX_INTERVAL, "INTERVAL");
        if (problem == null) {
            problem = number(parts.get("COUNT"), 1, MAX_RULE_COUNT, "COUNT");
        }
        if (problem == null) {
            problem = list(parts.get("BYMONTH"), 1, 12, "BYMONTH");
        }
        if (problem == null) {
            problem = list(parts.get("BYMONTHDAY"), 1, 31, "BYMONTHDAY");
        }
        if (problem == null) {
            problem = list(parts.get("BYSETPOS"), 1, 366, "BYSETPOS");
        }
        if (problem == null) {
            problem = days(parts.get("BYDAY"), frequency, parts.containsKey("BYMONTH"));
        }
        if (problem == null && parts.containsKey("WKST") && !DAYS.contains(parts.get("WKST"))) {
            problem = "WKST must be one of MO, TU, WE, TH, FR, SA, SU";
        }
        if (problem == null
                && parts.containsKey("BYSETPOS")
                && !(parts.containsKey("BYMONTH") || parts.containsKey("BYMONTHDAY") || parts.containsKey("BYDAY"))) {
            problem = "BYSETPOS needs BYMONTH, BYMONTHDAY or BYDAY";
        }
        return problem;
    }

    /** A number from {@code min} to {@code max}; absent is fine. */
    private static String number(String value, int min, int max, String name) {
        if (value == null) {
            return null;
        }
        if (!NUMBER.matcher(value).matches()) {
            return name + " must be a number";
        }
        int number = Integer.parseInt(value);
        return number < min || number > max ? name + " must be from " + min + " to " + max : null;
    }

    /** At most {@value #MAX_LIST} numbers, each from {@code min} to {@code max} or from -max to -min. */
    private static String list(String value, int min, int max, String name) {
        if (value == null) {
            return null;
        }
        String[] items = value.split(",", -1);
        if (items.length > MAX_LIST) {
            return name + " may list at most " + MAX_LIST + " values";
        }
        for (String item : items) {
            if (!NUMBER.matcher(item).matches()) {
                return name + " must list numbers";
            }
            int number = Math.abs(Integer.parseInt(item));
            if (number < min || number > max) {
                return name + " values must be from " + min + " to " + max
                        + (min == 1 ? " or from -" + max + " to -1" : "");
            }
        }
        return null;
    }

    /** Week days, with an ordinal (3TU, -1FR) only where RFC 5545 gives it a meaning. */
    private static String days(String value, String frequency, boolean byMonth) {
        if (value == null) {
            return null;
        }
        String[] items = value.split(",", -1);
        if (items.length > MAX_LIST) {
            return "BYDAY may list at most " + MAX_LIST + " values";
        }
        // In a month (MONTHLY, or YEARLY with BYMONTH) the 1st to 5th; in a year the 1st to 53rd.
        int largest = frequency.equals("MONTHLY") || byMonth ? 5 : 53;
        boolean ordinals = frequency.equals("MONTHLY") || frequency.equals("YEARLY");
        for (String item : items) {
            Matcher day = WEEKDAY.matcher(item);
            if (!day.matches() || !DAYS.contains(day.group(2))) {
                return "BYDAY must list days such as TU or 3TU";
            }
            if (day.group(1) != null) {
                int ordinal = Math.abs(Integer.parseInt(day.group(1)));
                if (!ordinals) {
                    return "BYDAY takes ordinals (3TU) in MONTHLY and YEARLY rules only";
                }
                if (ordinal < 1 || ordinal > largest) {
                    return "BYDAY ordinals must be from 1 to " + largest + " or from -" + largest + " to -1";
                }
            }
        }
        return null;
    }
}
