package org.museumevents.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every parameter the web front's pages read has its line breaks as {@code \n} only: browsers send
 * a textarea's line breaks as CR LF (HTML's form submission rules), which would be stored as such
 * and count twice against the services' length limits (a 4,999-character text of 40 lines would be
 * over 5,000). CR LF and a lone CR both become LF, in form fields bound to a form bean and in
 * parameters read directly (such as the registration form's {@code answer-<id>}). The API routes
 * ({@code /api/...}) pass bodies on as they are.
 */
@Component
public class LineBreaks extends OncePerRequestFilter {

    /**
     * The text with CR LF and lone CR replaced by LF; null stays null.
     *
     * @param text any text, possibly null
     * @return the text with LF line breaks only
     */
    public static String normalised(String text) {
        if (text == null || text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Normalised(request), response);
    }

    /** The request with its parameters' values normalised, computed once when first asked. */
    private static final class Normalised extends HttpServletRequestWrapper {

        private Map<String, String[]> parameters;

        Normalised(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> normalised = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> {
                    String[] copy = new String[values.length];
                    for (int i = 0; i < values.length; i++) {
                        copy[i] = normalised(values[i]);
                    }
                    normalised.put(name, copy);
                });
                parameters = Collections.unmodifiableMap(normalised);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
