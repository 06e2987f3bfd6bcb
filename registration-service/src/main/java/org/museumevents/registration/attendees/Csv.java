package org.museumevents.registration.attendees;

import java.util.List;

/**
 * RFC 4180 CSV that spreadsheets open correctly: a UTF-8 byte order mark (so accented names show
 * right), CRLF line ends, quoted fields, and cells that would start a formula defused.
 */
final class Csv {

    private static final String HEADER =
            "id,status,waitlistPosition,name,email,organisation,language,timeZone,interpretationLanguage,cancelledBy,registeredAt";

    private Csv() {}

    static String of(List<Attendee> attendees) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (Attendee a : attendees) {
            csv.append(String.join(
                            ",",
                            cell(a.id().toString()),
                            cell(a.status()),
                            cell(
                                    a.waitlistPosition() == null
                                            ? ""
                                            : a.waitlistPosition().toString()),
                            cell(a.name()),
                            cell(a.email()),
                            cell(a.organisation()),
                            cell(a.language()),
                            cell(a.timeZone()),
                            cell(a.interpretationLanguage()),
                            cell(a.cancelledBy()),
                            cell(a.registeredAt().toString())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
