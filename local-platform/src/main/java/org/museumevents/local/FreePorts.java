package org.museumevents.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fails the start, before anything runs, when a port the platform needs is taken (often a platform
 * still running in another terminal), naming the port and the setting that moves it.
 */
@Component
class FreePorts implements InitializingBean {

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    FreePorts(LocalPlatformProperties properties, @Value("${server.port}") int mailPage) {
        LocalPlatformProperties.Ports p = properties.ports();
        ports.put("local-platform.ports.gateway", p.gateway());
        ports.put("local-platform.ports.catalog", p.catalog());
        ports.put("local-platform.ports.registration", p.registration());
        ports.put("local-platform.ports.notification", p.notification());
        ports.put("local-platform.ports.postgres", p.postgres());
        ports.put("local-platform.ports.kafka", p.kafka());
        ports.put("local-platform.ports.kafka-controller", p.kafkaController());
        ports.put("local-platform.ports.smtp", p.smtp());
        Map<String, Integer> firsts = Map.of(
                "catalog-service", p.catalog(),
                "registration-service", p.registration(),
                "notification-service", p.notification(),
                "gateway", p.gateway());
        for (String module : LocalPlatformProperties.MODULES) {
            List<Integer> all = properties.instancePorts(module, firsts.get(module));
            for (int n = 2; n <= all.size(); n++) {
                ports.put(
                        "local-platform.extra-ports.%s (instance %d) %d".formatted(module, n, all.get(n - 1)),
                        all.get(n - 1));
            }
        }
        ports.put("server.port (the mail page)", mailPage);
    }

    /** A port the platform needs is taken; reported by {@link PortInUseAnalyzer} without a stack trace. */
    static final class PortInUse extends IllegalStateException {

        final int port;
        final String setting;

        PortInUse(int port, String setting) {
            super("Port %d is in use".formatted(port));
            this.port = port;
            this.setting = setting;
        }
    }

    /**
     * @throws IllegalArgumentException if two settings give the same port, or a port is outside 1 to
     *     65535
     * @throws PortInUse if a port is taken
     */
    @Override
    public void afterPropertiesSet() {
        Map<Integer, String> owners = new LinkedHashMap<>();
        ports.forEach((setting, port) -> {
            String name = setting.split(" ")[0];
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("%s: %d is not a port (1 to 65535)".formatted(name, port));
            }
            String other = owners.putIfAbsent(port, name);
            if (other != null) {
                throw new IllegalArgumentException(
                        "Port %d is given twice: to %s and to %s".formatted(port, other, name));
            }
        });
        ports.forEach((setting, port) -> {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new PortInUse(port, setting.split(" ")[0]);
            }
        });
    }
}
