package org.museumevents.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** One scrape of {@code /actuator/prometheus}, read as Prometheus would read it. */
public record Prometheus(String text) {

    public static Prometheus scrape(Api api) {
        Api.Response response = api.get("/actuator/prometheus");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new Prometheus(response.body());
    }

    /**
     * The sample of {@code name} whose labels include {@code labels} (name, value, name, value...);
     * 0 when there is none, as for a counter not yet incremented.
     */
    public double value(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> hasLabels(line, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    /** How much {@code name} grew since {@code before}. */
    public double increase(Prometheus before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
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
