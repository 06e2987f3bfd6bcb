package org.museumevents.registration.attendees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.museumevents.starter.input.EmailAddresses;
import org.museumevents.starter.problem.InvalidFields;

/**
 * An attendance report as a video-meeting tool or a spreadsheet exports it (issue 16, docs/api.md
 * "Attendance"): one row per person, or per join (Zoom and Teams list a rejoin as another row), read
 * into minutes per email address.
 *
 * <p>What real exports look like decides the reading: a UTF-8 or UTF-16 byte-order mark, or none
 * and Windows-1252 (Excel's "CSV" in Western Europe); commas, semicolons (French Excel) or tabs
 * (Teams); lines of meeting details before the participants' table (Zoom, Teams). The header row is
 * the last row with a cell naming an email column ("mail" or "courriel" in it) and no address in any
 * cell; the data rows are those after it. A duration column is one whose header contains
 * "duration", "durée", "duración" or "minutes": whole minutes ({@code 45}, {@code 45.5}), {@code
 * 1h 5m 12s}, or {@code 1:05:12}.
 */
final class AttendanceReport {

    /** At most this many data rows (docs/api.md). */
    static final int MAX_ROWS = 20_000;

    private static final Pattern UNITS = Pattern.compile(
            "(?:(\\d{1,4})\\s*h(?:ours?|rs?)?)?\\s*(?:(\\d{1,6})\\s*m(?:in(?:utes?|s)?)?)?\\s*(?:(\\d{1,7})\\s*s(?:ec(?:onds?|s)?)?)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,4}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,6})(?:[.,](\\d{1,3}))?");

    /**
     * @param rows the data rows read after the header (blank rows not counted)
     * @param secondsByEmail per email address (as stored: {@link EmailAddresses#deliverable}, then
     *     lower-cased), the seconds summed over its rows; 0 for every address when there is no duration
     *     column
     * @param hasDuration whether a duration column was found
     */
    record Read(int rows, Map<String, Long> secondsByEmail, boolean hasDuration) {}

    private AttendanceReport() {}

    /**
     * Reads a report.
     *
     * @throws InvalidFields (field {@code file}) when it is not CSV, has no email column, has more
     *     than {@link #MAX_ROWS} rows or a duration that is not one
     */
    static Read read(byte[] bytes) {
        String text = decode(bytes);
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                records.add(record);
                if (records.size() > MAX_ROWS + 1000) {
                    throw bad("has more than " + MAX_ROWS + " rows");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw bad("is not readable CSV");
        }
        int header = -1;
        for (int i = 0; i < records.size(); i++) {
            if (emailColumn(records.get(i)) >= 0) {
                header = i;
            }
        }
        if (header < 0) {
            throw bad("has no email column (a header with \"mail\" or \"courriel\" in it)");
        }
        CSVRecord head = records.get(header);
        int email = emailColumn(head);
        int duration = durationColumn(head);
        int rows = 0;
        Map<String, Long> seconds = new LinkedHashMap<>();
        for (int i = header + 1; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (++rows > MAX_ROWS) {
                throw bad("has more than " + MAX_ROWS + " rows");
            }
            String address = cell(record, email);
            if (address.indexOf('@') < 0 || address.indexOf('\u0000') >= 0) {
                continue;
            }
            String key = EmailAddresses.deliverable(address).orElse(address).toLowerCase(Locale.ROOT);
            long time = duration < 0 ? 0 : seconds(cell(record, duration), record.getRecordNumber());
            seconds.merge(key, time, Long::sum);
        }
        return new Read(rows, seconds, duration >= 0);
    }

    /**
     * A duration cell in seconds: whole or decimal minutes, {@code 1h 5m 12s} (any of the parts),
     * or {@code h:mm[:ss]}; blank is 0.
     */
    static long seconds(String cell, long line) {
        String value = cell.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return 0;
        }
        Matcher number = NUMBER.matcher(value);
        if (number.matches()) {
            long fraction = number.group(2) == null ? 0 : Math.round(Double.parseDouble("0." + number.group(2)) * 60);
            return Long.parseLong(number.group(1)) * 60 + fraction;
        }
        Matcher clock = CLOCK.matcher(value);
        if (clock.matches()) {
            return Long.parseLong(clock.group(1)) * 3600
                    + Long.parseLong(clock.group(2)) * 60
                    + (clock.group(3) == null ? 0 : Long.parseLong(clock.group(3)));
        }
        Matcher units = UNITS.matcher(value);
        if (units.matches() && (units.group(1) != null || units.group(2) != null || units.group(3) != null)) {
            return (units.group(1) == null ? 0 : Long.parseLong(units.group(1)) * 3600)
                    + (units.group(2) == null ? 0 : Long.parseLong(units.group(2)) * 60)
                    + (units.group(3) == null ? 0 : Long.parseLong(units.group(3)));
        }
        throw bad("has a duration that is not one on line " + line + " (minutes, or like 1h 5m)");
    }

    private static int emailColumn(CSVRecord record) {
        if (record.stream().anyMatch(cell -> cell.indexOf('@') >= 0)) {
            return -1;
        }
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).toLowerCase(Locale.ROOT);
            if (name.contains("mail") || name.contains("courriel")) {
                return i;
            }
        }
        return -1;
    }

    private static int durationColumn(CSVRecord record) {
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).toLowerCase(Locale.ROOT);
            if (name.contains("duration")
                    || name.contains("durée")
                    || name.contains("duración")
                    || name.contains("minutes")) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(CSVRecord record, int column) {
        return column < record.size() ? record.get(column) : "";
    }

    /** The delimiter of the first line that names an email column: the most frequent of , ; and tab. */
    private static char delimiter(String text) {
        String line = text.lines()
                .filter(l -> {
                    String lower = l.toLowerCase(Locale.ROOT);
                    return lower.contains("mail") || lower.contains("courriel");
                })
                .findFirst()
                .orElse("");
        char best = ',';
        long most = 0;
        for (char candidate : new char[] {',', ';', '\t'}) {
            long n = line.chars().filter(c -> c == candidate).count();
            if (n > most) {
                most = n;
                best = candidate;
            }
        }
        return best;
    }

    private static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8: what Excel writes as "CSV" in Western Europe.
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static InvalidFields bad(String message) {
        return new InvalidFields(List.of(new InvalidFields.FieldProblem("file", message)));
    }
}
