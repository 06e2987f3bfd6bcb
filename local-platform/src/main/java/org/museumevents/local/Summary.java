package org.museumevents.local;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Once everything is healthy: where to go, and the demo organisations' credentials. */
@Component
class Summary {

    private final LocalPlatformProperties properties;
    private final int mailPage;
    private final PrintStream out = System.out;

    Summary(LocalPlatformProperties properties, @Value("${server.port}") int mailPage) {
        this.properties = properties;
        this.mailPage = mailPage;
    }

    /** {@code :8082} for one instance, {@code :8082 :8182} for two. */
    private String portsOf(String module, int firstPort) {
        return properties.instancePorts(module, firstPort).stream()
                .map(port -> ":" + port)
                .collect(Collectors.joining(" "));
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        LocalPlatformProperties.Ports p = properties.ports();
        String gateway = "http://localhost:" + p.gateway();
        out.println();
        out.println("The platform is up. Ctrl-C stops it; data stays in " + properties.data());
        out.println();
        out.println("  Web and API (gateway)   " + gateway);
        List<Integer> gateways = properties.instancePorts("gateway", p.gateway());
        if (gateways.size() > 1) {
            out.println("  Further gateways        "
                    + gateways.subList(1, gateways.size()).stream()
                            .map(port -> "http://localhost:" + port)
                            .collect(Collectors.joining(", "))
                    + " (same keys and data; tokens name " + gateway + ")");
        }
        out.println("  Published events        " + gateway + "/api/events");
        out.println("  API description         " + gateway + "/swagger-ui.html");
        out.println("  Emails sent             http://localhost:" + mailPage);
        out.println("  Services                catalog %s, registration %s, notification %s"
                .formatted(
                        portsOf("catalog-service", p.catalog()),
                        portsOf("registration-service", p.registration()),
                        portsOf("notification-service", p.notification())));
        out.println(
                "  PostgreSQL              jdbc:postgresql://localhost:%d/{catalog,registration,notification,gateway} user postgres"
                        .formatted(p.postgres()));
        out.println("  Kafka                   localhost:" + p.kafka());
        out.println("  SMTP                    localhost:" + p.smtp());
        out.println("  Logs                    " + properties.data().resolve("logs"));
        if (properties.profiles().contains("demo")) {
            out.println();
            out.println("Demo organisations (profile demo only; public secrets):");
            out.println(
                    "  icom-france   organiser login icom-france / demo-secret   API client icom-france / demo-secret");
            out.println("  ocim          organiser login ocim / demo-secret          API client ocim / demo-secret");
            out.println("  A token for scripts:");
            out.println("    curl -s -u icom-france:demo-secret -d grant_type=client_credentials " + gateway
                    + "/oauth2/token");
        }
        out.println();
    }
}
