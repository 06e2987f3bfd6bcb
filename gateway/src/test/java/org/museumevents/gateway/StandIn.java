package org.museumevents.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for one service behind the gateway, a real HTTP server on a free port: answers what a
 * test scripted for a method and path (JSON shaped as in docs/api.md), or echoes what it received,
 * and records every request, so a test sees what the gateway sent and where a route led.
 * Unscripted requests get a 404 problem.
 */
public final class StandIn implements AutoCloseable {

    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private record Route(String method, Pattern path, Function<Request, Answer> answer) {

        boolean matches(Request request) {
            return (method.equals(ANY_METHOD) || method.equals(request.method()))
                    && path.matcher(request.path()).matches();
        }
    }

    private static final String ANY_METHOD = "*";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile boolean ready = true;

    /** Started at once, on a free port it keeps until closed; {@code service} names it in echoes. */
    public StandIn(String service) {
        this.service = service;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Whether this stand-in's readiness probe ({@code /actuator/health/readiness}) answers 200 UP
     * (by default) or 503 OUT_OF_SERVICE, as a service without its database does.
     */
    public StandIn ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers {@code method} requests whose path matches {@code path} (a regular expression); the
     * latest script for a request wins.
     */
    public StandIn on(String method, String path, Function<Request, Answer> answer) {
        routes.add(0, new Route(method, Pattern.compile(path), answer));
        return this;
    }

    public StandIn on(String method, String path, Answer answer) {
        return on(method, path, request -> answer);
    }

    /**
     * Answers every request whose path matches {@code path} with what it received: service, method,
     * path, query, bearer token, W3C traceparent and body, as JSON; 201 for a POST, else 200.
     */
    public StandIn echoes(String path) {
        return on(ANY_METHOD, path, this::echo);
    }

    /** Forgets every script and every request received. */
    public void reset() {
        routes.clear();
        received.clear();
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    public List<Request> received(String method, String path) {
        Pattern pattern = Pattern.compile(path);
        return received.stream()
                .filter(r ->
                        r.method().equals(method) && pattern.matcher(r.path()).matches())
                .toList();
    }

    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body, Map.of());
    }

    public static Answer json(String body) {
        return json(200, body);
    }

    public static Answer problem(int status, String reason, String detail) {
        return new Answer(
                status,
                "application/problem+json",
                """
                {"type":"https://museum-events.org/problems/%s","title":"Refused","status":%d,"detail":"%s"}"""
                        .formatted(reason, status, detail),
                Map.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().startsWith("/actuator/health")) {
            // The gateway's load balancer checks each instance's readiness (routing.ServiceInstances):
            // ready unless a test says otherwise, and not recorded among the requests a test looks at.
            byte[] up = ("{\"status\":\"" + (ready ? "UP" : "OUT_OF_SERVICE") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ready ? 200 : 503, up.length);
            exchange.getResponseBody().write(up);
            exchange.close();
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue()), (a, b) -> a));
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
        received.add(request);
        Answer answer = routes.stream()
                .filter(route -> route.matches(request))
                .findFirst()
                .map(route -> route.answer().apply(request))
                .orElse(problem(404, "not-found", "Nothing scripted here"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Answer echo(Request request) {
        String echo = JSON.writeValueAsString(Map.of(
                "service", service,
                "method", request.method(),
                "path", request.path(),
                "query", String.valueOf(request.query()),
                "authorization", String.valueOf(request.header("Authorization")),
                "traceparent", String.valueOf(request.header("traceparent")),
                "body", request.body()));
        return json("POST".equals(request.method()) ? 201 : 200, echo);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
