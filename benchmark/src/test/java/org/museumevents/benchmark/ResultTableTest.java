package org.museumevents.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void writesOneMarkdownRowPerFigureWithPipesEscaped() {
        ResultTable table = new ResultTable();
        table.add("1", "registrations/s, direct", "812/s | p50 12 ms");
        table.add("7", "peak RSS\ngateway", "301 MB");

        assertThat(table.markdown())
                .isEqualTo(
                        """
                        | part | what | result |
                        |---|---|---|
                        | 1 | registrations/s, direct | 812/s \\| p50 12 ms |
                        | 7 | peak RSS gateway | 301 MB |
                        """);
    }
}
