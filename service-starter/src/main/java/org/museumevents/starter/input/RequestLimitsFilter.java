package org.museumevents.starter.input;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads the request: a body longer than the limit (413, by its {@code
 * Content-Length} or, for a chunked body, as soon as the limit is passed while reading), and a
 * query or path whose decoded text carries a character of {@link TextRules} or a malformed percent
 * escape (400). Both as problem details.
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    /** @param maxBodyBytes the longest request body accepted, in bytes */
    public RequestLimitsFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String where = badText(request);
        if (where != null) {
            problem(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid-characters",
                    "Invalid characters",
                    "The " + where + " carries a control character or an invalid escape.");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            problem(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body-too-large",
                    "Request body too large",
                    "The request body may be at most " + maxBodyBytes + " bytes.");
            return;
        }
        chain.doFilter(new Bounded(request, maxBodyBytes), response);
    }

    /** "query" or "path" when that part is unfit, else null. */
    private static String badText(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!clean(pair)) {
                    return "query";
                }
            }
        }
        return clean(request.getRequestURI()) ? null : "path";
    }

    private static boolean clean(String encoded) {
        try {
            return TextRules.isClean(decodeStrictly(encoded));
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            return false;
        }
    }

    /**
     * Percent-decodes {@code encoded} (RFC 3986 §2.1, {@code +} as a space as in HTML forms) and
     * reads the bytes as UTF-8, refusing escapes that are not UTF-8 (e.g. {@code %C3%28}), which
     * Tomcat would otherwise refuse later, as a 500, when the parameters are first read.
     */
    private static String decodeStrictly(String encoded) throws CharacterCodingException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("incomplete escape");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
    }

    private static void problem(
            HttpServletResponse response, HttpStatus status, String reason, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"" + Problems.type(reason) + "\",\"title\":\"" + title + "\",\"status\":"
                        + status.value() + ",\"detail\":\"" + detail + "\"}");
    }

    /** Thrown while reading a body past the limit; the problem mapping answers it 413. */
    public static class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("The request body is longer than " + limit + " bytes");
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
