package org.museumevents.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two lines what to do when a port is taken, instead of a stack trace. */
class PortInUseAnalyzer extends AbstractFailureAnalyzer<FreePorts.PortInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FreePorts.PortInUse cause) {
        return new FailureAnalysis(
                "Port %d, which the local platform needs, is in use: often a platform still running in another terminal."
                        .formatted(cause.port),
                "Stop what holds it (e.g. Ctrl-C in that terminal), or move the port with --%s=<port>."
                        .formatted(cause.setting),
                cause);
    }
}
