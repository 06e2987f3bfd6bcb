package org.museumevents.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of one section of the contract, {@code docs/api.md}, read from its markdown tables
 * headed "method and path | who | ...", so that a service's tests follow the file instead of a copy
 * of it. Rows marked {@value #PLANNED} are left out: they are agreed but not served yet.
 *
 * <p>The first column holds one or more operations as code spans: {@code `GET /api/series`, `GET
 * /api/series/{id}`}; {@code `.../reject`} after {@code `POST /api/registrations/{id}/approve`} is
 * {@code POST /api/registrations/{id}/reject}; a query ({@code ?token=…}) is not part of the path. A
 * row that names an operation of an earlier row (a query parameter, a field) adds its "who" to it.
 */
public final class ContractTable {

    /** The marker of a row not served yet. */
    public static final String PLANNED = "Planned (not served yet";

    static final String FILE = "docs/api.md";

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern OPERATION =
            Pattern.compile("(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (/[^?\\s]*)(\\?.*)?");

    private ContractTable() {}

    /**
     * One operation, e.g. {@code GET /api/events/{id}}, with every "who" of the rows that name it.
     */
    public record Operation(String method, String path, Set<String> who) {

        /** {@code "GET /api/events/{id}"}: the method and the path as the OpenAPI description has them. */
        @Override
        public String toString() {
            return method + " " + path;
        }

        /**
         * Whether every row naming the operation says {@code who}: {@code GET /api/events} is for
         * "anyone" and, with {@code status=DRAFT}, for "organiser", so it is not only for organisers.
         */
        public boolean onlyFor(String who) {
            return this.who.equals(Set.of(who));
        }
    }

    /**
     * The served operations of the section headed {@code ## <section>}, e.g. {@code "Catalog
     * (catalog-service)"}, in the order of the file, from the {@code docs/api.md} found by {@link
     * #locate()}.
     */
    public static List<Operation> operations(String section) {
        Path file = locate();
        try {
            return operations(Files.readAllLines(file), section);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code docs/api.md} in the working directory or the nearest directory above it that has one:
     * Maven runs a module's tests in the module's directory, an IDE often at the root.
     */
    public static Path locate() {
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path file = directory.resolve(FILE);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("No " + FILE + " in " + start + " or any directory above it");
    }

    static List<Operation> operations(List<String> lines, String section) {
        int start = lines.indexOf("## " + section);
        if (start < 0) {
            throw new IllegalStateException("no section '## " + section + "'");
        }
        Map<String, Operation> operations = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                inTable = cells.size() >= 2
                        && cells.get(0).equals("method and path")
                        && cells.get(1).equals("who");
                continue;
            }
            if (cells.get(0).matches("[-: ]+") || line.contains(PLANNED)) {
                continue;
            }
            for (String[] methodAndPath : methodsAndPaths(cells.get(0))) {
                String key = methodAndPath[0] + " " + methodAndPath[1];
                operations
                        .computeIfAbsent(
                                key, k -> new Operation(methodAndPath[0], methodAndPath[1], new LinkedHashSet<>()))
                        .who()
                        .add(cells.get(1));
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("no served operation in section '## " + section + "'");
        }
        return operations.values().stream()
                .map(operation -> new Operation(operation.method(), operation.path(), Set.copyOf(operation.who())))
                .toList();
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** The operations of a first cell; a row that names none is a mistake in the file. */
    private static List<String[]> methodsAndPaths(String cell) {
        List<String[]> found = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String span = code.group(1).strip();
            Matcher operation = OPERATION.matcher(span);
            if (operation.matches()) {
                found.add(new String[] {operation.group(1), operation.group(2)});
            } else if (span.startsWith(".../")) {
                if (found.isEmpty()) {
                    throw new IllegalStateException("'" + span + "' follows no operation in: " + cell);
                }
                String[] previous = found.get(found.size() - 1);
                String parent = previous[1].substring(0, previous[1].lastIndexOf('/'));
                found.add(new String[] {previous[0], parent + span.substring(3).replaceFirst("\\?.*", "")});
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no `METHOD /path` in the row: " + cell);
        }
        return found;
    }
}
