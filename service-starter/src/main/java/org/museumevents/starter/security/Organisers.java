package org.museumevents.starter.security;

import java.util.Optional;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The organisation of the current caller, from the verified token of the request in progress: an
 * organiser is a JWT whose claim {@code scope} contains {@code organiser} and whose claim {@code
 * org} names the organisation (a slug such as {@code icom-france}), as the contract (docs/api.md,
 * "Who may do what") defines.
 */
public final class Organisers {

    /** The authority Spring Security derives from scope {@code organiser}. */
    public static final String AUTHORITY = "SCOPE_organiser";

    private Organisers() {}

    /** The caller's organisation when the caller is an organiser, else empty (anonymous public). */
    public static Optional<String> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt
                && authentication.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()))) {
            return Optional.ofNullable(jwt.getToken().getClaimAsString("org")).filter(org -> !org.isBlank());
        }
        return Optional.empty();
    }

    /**
     * The organiser's organisation; writes require one.
     *
     * @throws org.springframework.web.ErrorResponseException 403 {@code forbidden} when the caller
     *     is no organiser or its token names no organisation
     */
    public static String required() {
        return current()
                .orElseThrow(() -> Problems.of(
                        HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The token names no organisation."));
    }

    /** Whether the caller is an organiser of {@code organisation}. */
    public static boolean isOrganiserOf(String organisation) {
        return current().filter(organisation::equals).isPresent();
    }
}
