package org.museumevents.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: a request target
 * exactly as written ({@code //api/...}, {@code %2e%2e}, {@code ;jsessionid=1}), and a client
 * address of the test's choosing (any 127.x.y.z on Linux), so that each test is a client of its own
 * to the gateway's per-address limits.
 */
public final class RawHttp {

    private static final AtomicInteger NEXT_CLIENT = new AtomicInteger(1);

    public record Response(int status, Map<String, String> headers, String body) {

        /** The value of the first {@code Set-Cookie} named {@code name}, or null. */
        public String cookie(String name) {
            String all = headers.get("set-cookie");
            for (String setCookie : all == null ? new String[0] : all.split("\n")) {
                if (setCookie.startsWith(name + "=")) {
                    int end = setCookie.indexOf(';');
                    return setCookie.substring(name.length() + 1, end < 0 ? setCookie.length() : end);
                }
            }
            return null;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final InetAddress client;

    private RawHttp(int port, InetAddress client) {
        this.port = port;
        this.client = client;
    }

    /** A client with a loopback address no other {@code RawHttp} of this JVM has used. */
    public static RawHttp newClient(int port) {
        int n = NEXT_CLIENT.getAndIncrement();
        try {
            return new RawHttp(port, InetAddress.getByAddress(new byte[] {
                127, (byte) (n >> 16), (byte) (n >> 8), (byte) (10 + n % 240)
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same client (the same address) talking to another port: another gateway instance, say. */
    public RawHttp onPort(int otherPort) {
        return new RawHttp(otherPort, client);
    }

    public String address() {
        return client.getHostAddress();
    }

    public Response send(String method, String target, String contentType, String body) {
        return send(method, target, contentType, body, Map.of());
    }

    public Response send(String method, String target, String contentType, String body, Map<String, String> headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nConnection: close\r\nContent-Length: ")
                .append(bytes.length)
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                // Every Set-Cookie, one a line; the first of any other header.
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.merge(
                        name,
                        lines[i].substring(colon + 1).trim(),
                        (first, next) -> "set-cookie".equals(name) ? first + "\n" + next : first);
            }
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    /** Chunk sizes count bytes; the body is decoded text, so re-encode to cut. */
    private static String dechunk(String chunked) {
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = at;
            while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
