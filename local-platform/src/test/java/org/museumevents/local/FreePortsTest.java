package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ports the platform's settings give every instance, checked before anything starts (issue 18). */
class FreePortsTest {

    private static LocalPlatformProperties settings(
            Map<String, Integer> instances, Map<String, List<Integer>> extraPorts) {
        return new LocalPlatformProperties(
                ".",
                "local-data",
                List.of("demo"),
                List.of(),
                Duration.ofMinutes(3),
                new LocalPlatformProperties.Ports(8080, 8081, 8082, 8083, 15432, 9092, 9093, 1025),
                Map.of(),
                instances,
                extraPorts);
    }

    @Test
    void furtherInstancesTakeTheirExtraPortsThenTheFirstsPlusAHundredEach() {
        LocalPlatformProperties properties =
                settings(Map.of("registration-service", 3), Map.of("registration-service", List.of(9182)));

        assertThat(properties.instancePorts("registration-service", 8082)).containsExactly(8082, 9182, 8282);
        assertThat(properties.instancePorts("gateway", 8080)).containsExactly(8080);
    }

    @Test
    void twoSettingsGivingOnePortStopTheStartNamingBoth() {
        // The second registration-service on 8182 by default, and the second catalog-service there too.
        FreePorts ports = new FreePorts(
                settings(Map.of("registration-service", 2), Map.of("catalog-service", List.of(8182))), 8025);

        assertThatIllegalArgumentException()
                .isThrownBy(ports::afterPropertiesSet)
                .withMessageContaining("Port 8182 is given twice")
                .withMessageContaining("local-platform.extra-ports.catalog-service")
                .withMessageContaining("local-platform.extra-ports.registration-service");
    }

    @Test
    void aPortOutsideTheRangeStopsTheStart() {
        FreePorts ports = new FreePorts(settings(Map.of(), Map.of("gateway", List.of(70000))), 8025);

        assertThatIllegalArgumentException()
                .isThrownBy(ports::afterPropertiesSet)
                .withMessageContaining("local-platform.extra-ports.gateway: 70000 is not a port");
    }

    @Test
    void anUnknownModuleOrCountIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("catalog", 2), Map.of()))
                .withMessageContaining("local-platform.instances.catalog: no such module");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings(Map.of("gateway", 0), Map.of()))
                .withMessageContaining("must be between 1 and 9");
    }
}
