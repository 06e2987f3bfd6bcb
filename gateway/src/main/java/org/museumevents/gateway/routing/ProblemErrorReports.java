package org.museumevents.gateway.routing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before any filter or controller sees them (a malformed escape in the path
 * such as {@code /api/registrations/%ZZ}, a request line or header over the size limit) are
 * answered on {@code /api/**} as problem details (RFC 9457, {@code malformed-request}, the status
 * Tomcat chose), as every other refusal of the API is (docs/api.md, Errors), instead of Tomcat's
 * HTML error page; so is a request line too long to be read, whose path is unknown. Other paths
 * keep Tomcat's page, without report or server information.
 *
 * <p>How: the host's error report valve (Tomcat's {@code StandardHost#setErrorReportValveClass})
 * is {@link ProblemValve}, which Tomcat also runs for the requests it rejects while parsing them.
 */
@Component
class ProblemErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemValve.class.getName());
            }
        });
    }

    /** Tomcat's error report valve, writing problem details for the API. Public: Tomcat creates it by name. */
    public static class ProblemValve extends ErrorReportValve {

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            String uri = request.getRequestURI();
            // A request line too long to be read has no URI: whoever sent it is a client, not a page.
            if (status < 400 || (uri != null && !uri.startsWith("/api/")) || response.isCommitted()) {
                super.report(request, response, throwable);
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer == null) {
                    return;
                }
                writer.write("{\"type\":\"https://museum-events.org/problems/malformed-request\","
                        + "\"title\":\"Malformed request\",\"status\":" + status + ","
                        + "\"detail\":\"The request could not be read: check the path, the query and the size of"
                        + " the headers.\"}");
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The connection is gone or the response already written: nothing more to say.
            }
        }
    }
}
