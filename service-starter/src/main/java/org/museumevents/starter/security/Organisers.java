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
 *
 * <p>The claim {@code role} (issue 16) narrows a token: absent or {@code organiser}, an organiser;
 * {@code door}, door staff of the organisation, who only check people in (authority {@value
 * #DOOR_AUTHORITY} instead of {@value #AUTHORITY}); any other value, no organiser rights. The
 * starter's {@code JwtAuthenticationConverter} applies it, so {@link #current()} is empty for door
 * staff and every ownership check built on it refuses them.
 */
public final class Organisers {

    /** The authority Spring Security derives from scope {@code organiser}. */
    public static final String AUTHORITY = "SCOPE_organiser";

    /** The authority door staff get instead of {@value #AUTHORITY} (claim {@code role: door}). */
    public static final String DOOR_AUTHORITY = "ROLE_DOOR";

    /** The JWT claim that narrows an organisation's token: {@value #ROLE_ORGANISER} or {@value #ROLE_DOOR}. */
    public static final String ROLE_CLAIM = "role";

    /** The default role: everything for its organisation. */
    public static final String ROLE_ORGANISER = "organiser";

    /** Door staff: check-in only. */
    public static final String ROLE_DOOR = "door";

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

    /**
     * The organisation whose events' check-ins the caller may handle: an organiser's or door
     * staff's (authority {@value #AUTHORITY} or {@value #DOOR_AUTHORITY}), else empty. Which events
     * those are (its own, those it is a partner of) is the service's check.
     */
    public static Optional<String> checkInStaff() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> AUTHORITY.equals(a.getAuthority()) || DOOR_AUTHORITY.equals(a.getAuthority()))) {
            return Optional.ofNullable(jwt.getToken().getClaimAsString("org")).filter(org -> !org.isBlank());
        }
        return Optional.empty();
    }

    /** Whether the caller is door staff (claim {@code role: door}), who may only check people in. */
    public static boolean isDoorStaff() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream().anyMatch(a -> DOOR_AUTHORITY.equals(a.getAuthority()));
    }

    /** Whether the caller is an organiser of {@code organisation}. */
    public static boolean isOrganiserOf(String organisation) {
        return current().filter(organisation::equals).isPresent();
    }
}
