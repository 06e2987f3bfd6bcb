package org.museumevents.registration;

import java.util.ArrayList;
import java.util.List;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service started by a test itself, as its jar would be, with the standard properties only:
 * for tests that cut it off its database or its broker.
 */
final class TestInstance {

    private TestInstance() {}

    static ConfigurableApplicationContext start(
            TestServers.DatabaseCoordinates db, String kafkaBootstrapServers, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation()));
        arguments.addAll(List.of(moreArguments));
        return new SpringApplicationBuilder(RegistrationApplication.class).run(arguments.toArray(String[]::new));
    }

    static Api api(ConfigurableApplicationContext app) {
        return Api.onPort(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }
}
