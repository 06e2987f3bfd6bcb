package org.museumevents.local.servers;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.museumevents.local.LocalPlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** An SMTP server that accepts every email and keeps it in memory for the mail page. */
@Component
public class Smtp implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Smtp.class);

    private final LocalPlatformProperties properties;
    private GreenMail server;
    /** What earlier runs of the server received, when it was stopped and started again. */
    private final List<MimeMessage> earlier = new CopyOnWriteArrayList<>();

    Smtp(LocalPlatformProperties properties) {
        this.properties = properties;
    }

    /**
     * The emails received since the platform started, oldest first, including those received before
     * the server was {@linkplain #stop() stopped} and {@linkplain #start() started} again (the fault
     * tests take it down; the mail page keeps showing what arrived).
     */
    public List<MimeMessage> received() {
        List<MimeMessage> all = new ArrayList<>(earlier);
        GreenMail current = server;
        if (current != null) {
            all.addAll(List.of(current.getReceivedMessages()));
        }
        return all;
    }

    @Override
    public void start() {
        server = new GreenMail(new ServerSetup(properties.ports().smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info("SMTP ready on localhost:{}", properties.ports().smtp());
    }

    @Override
    public void stop() {
        if (server != null) {
            earlier.addAll(List.of(server.getReceivedMessages()));
            server.stop();
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
