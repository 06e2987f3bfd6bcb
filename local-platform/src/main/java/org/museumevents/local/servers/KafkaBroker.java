package org.museumevents.local.servers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.museumevents.local.LocalPlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One Kafka broker in KRaft mode (broker and controller in one node), its log folder formatted on
 * the first run and kept afterwards; the same server a production broker runs, in this process.
 */
@Component
public class KafkaBroker implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final LocalPlatformProperties properties;
    private KafkaRaftServer server;

    KafkaBroker(LocalPlatformProperties properties) {
        this.properties = properties;
    }

    public String bootstrapServers() {
        return "localhost:" + properties.ports().kafka();
    }

    @Override
    public void start() {
        Path logDirectory = properties.data().resolve("kafka");
        Properties config = config(logDirectory);
        try {
            Files.createDirectories(logDirectory);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logTo(properties.data().resolve("logs/kafka.log"));
        server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        server.startup();
        log.info("Kafka ready on {} (data in {})", bootstrapServers(), logDirectory);
    }

    /**
     * The broker's own log goes to a file beside the services' logs: its routine messages (including
     * some at ERROR level that are part of normal topic creation) would drown the platform's console.
     */
    private static void logTo(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level [%logger{36}] %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("kafka-log");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            ch.qos.logback.classic.Logger logger = context.getLogger(name);
            logger.detachAppender("kafka-log");
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            logger.addAppender(appender);
        }
    }

    private Properties config(Path logDirectory) {
        int port = properties.ports().kafka();
        int controllerPort = properties.ports().kafkaController();
        Properties config = new Properties();
        config.setProperty("node.id", "1");
        config.setProperty("process.roles", "broker,controller");
        config.setProperty(
                "listeners", "PLAINTEXT://localhost:%d,CONTROLLER://localhost:%d".formatted(port, controllerPort));
        config.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("inter.broker.listener.name", "PLAINTEXT");
        config.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.setProperty("log.dirs", logDirectory.toString());
        // One broker: every internal topic has one replica.
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("share.coordinator.state.topic.replication.factor", "1");
        config.setProperty("share.coordinator.state.topic.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    private void format(Properties config) throws IOException {
        Path file = properties.data().resolve("kafka-server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            config.store(out, "Written by the local platform to format the broker's log folder");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException(
                    "Formatting Kafka's log folder failed: " + output.toString(StandardCharsets.UTF_8));
        }
        log.info("Kafka: formatted {}", config.getProperty("log.dirs"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Also when the platform fails to start: nothing is left running. */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return Phases.SERVERS;
    }
}
