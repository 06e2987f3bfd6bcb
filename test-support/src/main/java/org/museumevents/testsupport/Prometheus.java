package org.museumevents.testsupport;

import java.util.Arrays;

/** One scrape of {@code /actuator/prometheus}, read as Prometheus would read it. */
public record Prometheus(String text) {

    /**
     * The sample of {@code name} whose labels include {@code labels} (name, value, name, value...);
     * 0 when there is none, as for a counter not yet incremented.
     */
    public double value(String name, String... labels) {
        return find(name, labels) == null ? 0 : sample(name, labels);
    }

    /** The same sample, which must be in the scrape. */
    public double sample(String name, String... labels) {
        String line = find(name, labels);
        if (line == null) {
            throw new AssertionError("No " + name + " " + Arrays.toString(labels) + " in the scrape");
        }
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** How much {@code name} grew since {@code before}. */
    public double increase(Prometheus before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }

    private String find(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> hasLabels(line, labels))
                .findFirst()
                .orElse(null);
    }

    private static boolean hasLabels(String line, String... labels) {
        String set = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "{}";
        for (int i = 0; i < labels.length; i += 2) {
            String label = labels[i] + "=\"" + labels[i + 1] + "\"";
            if (!set.contains("{" + label) && !set.contains("," + label)) {
                return false;
            }
        }
        return labels.length % 2 == 0 && Arrays.stream(labels).noneMatch(String::isEmpty);
    }
}
