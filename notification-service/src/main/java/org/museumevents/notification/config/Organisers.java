package org.museumevents.notification.config;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The organisation of the current organiser, from the token's {@code org} claim. */
public final class Organisers {

    private Organisers() {}

    /** The caller's organisation when the caller is an organiser, else empty (anonymous public). */
    public static Optional<String> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt
                && authentication.getAuthorities().stream().anyMatch(a -> "SCOPE_organiser".equals(a.getAuthority()))) {
            return Optional.ofNullable(jwt.getToken().getClaimAsString("org")).filter(org -> !org.isBlank());
        }
        return Optional.empty();
    }

    /** The organiser's organisation; writes require one. */
    public static String required() {
        return current()
                .orElseThrow(() -> Problems.of(
                        org.springframework.http.HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "The token names no organisation."));
    }

    public static boolean isOrganiserOf(String organisation) {
        return current().filter(organisation::equals).isPresent();
    }
}
