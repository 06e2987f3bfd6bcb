package org.museumevents.gateway.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path a request resolves to, as the routes and controllers see it: percent-decoded, path
 * parameters ({@code ;jsessionid=...}) removed, repeated slashes collapsed (Spring MVC's
 * {@link UrlPathHelper} lookup path), then dot-segments resolved and trailing slashes dropped, as the
 * service behind the gateway resolves them. Anything that reaches an endpoint has this path, however
 * it was spelled.
 */
final class LookupPath {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
        PATHS.setDefaultEncoding("UTF-8");
    }

    private LookupPath() {}

    static String of(HttpServletRequest request) {
        String path;
        try {
            path = PATHS.getPathWithinApplication(request);
        } catch (RuntimeException undecodable) {
            path = request.getRequestURI();
        }
        return normalise(path);
    }

    static String normalise(String decoded) {
        String path = StringUtils.cleanPath(decoded.replaceAll("/{2,}", "/"));
        path = path.replaceAll("/{2,}", "/");
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.startsWith("/") ? path : "/" + path;
    }
}
