package org.museumevents.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's results: one row per figure, in the order measured, written as a Markdown table
 * (the console shows the same text).
 */
final class ResultTable {

    /**
     * One figure.
     *
     * @param part the issue's part number, 1 to 7
     * @param what what was measured, and how
     * @param result the figure with its unit, or why there is none
     */
    record Row(String part, String what, String result) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String part, String what, String result) {
        rows.add(new Row(part, what, result));
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A Markdown table: a pipe in a cell is escaped, a line break becomes a space. */
    synchronized String markdown() {
        StringBuilder out = new StringBuilder("| part | what | result |\n|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(cell(row.part()))
                    .append(" | ")
                    .append(cell(row.what()))
                    .append(" | ")
                    .append(cell(row.result()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
