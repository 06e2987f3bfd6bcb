package org.museumevents.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.testsupport.TestTokens;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The claim {@code role} (issue 16, docs/api.md "Who may do what") read from real tokens signed by
 * the test key and verified with its public key, as the services verify the gateway's.
 */
class RolesTest {

    private final NimbusJwtDecoder decoder;
    private final JwtAuthenticationConverter roles = new OrganiserSecurityAutoConfiguration().organiserRoles();

    RolesTest() throws Exception {
        RSAKey key = (RSAKey) JWKSet.parse(TestTokens.jwkSetJson()).getKeys().get(0);
        decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void withoutARoleOrAsOrganiserATokenIsAnOrganisers() {
        for (String token :
                new String[] {TestTokens.organiser("icom-france"), TestTokens.withRole("icom-france", "organiser")}) {
            signIn(token);
            assertThat(authorities()).contains(Organisers.AUTHORITY).doesNotContain(Organisers.DOOR_AUTHORITY);
            assertThat(Organisers.current()).contains("icom-france");
            assertThat(Organisers.checkInStaff()).contains("icom-france");
            assertThat(Organisers.isDoorStaff()).isFalse();
        }
    }

    @Test
    void doorStaffCheckPeopleInAndAreNoOrganisers() {
        signIn(TestTokens.withRole("icom-france", "door"));

        assertThat(authorities()).contains(Organisers.DOOR_AUTHORITY).doesNotContain(Organisers.AUTHORITY);
        assertThat(Organisers.current()).isEmpty();
        assertThat(Organisers.isOrganiserOf("icom-france")).isFalse();
        assertThat(Organisers.checkInStaff()).contains("icom-france");
        assertThat(Organisers.isDoorStaff()).isTrue();
    }

    @Test
    void anUnknownRoleHasNoOrganiserRightsAtAll() {
        for (String role : new String[] {"admin", "Door", "ORGANISER", ""}) {
            signIn(TestTokens.withRole("icom-france", role));

            assertThat(authorities()).doesNotContain(Organisers.AUTHORITY, Organisers.DOOR_AUTHORITY);
            assertThat(Organisers.current()).isEmpty();
            assertThat(Organisers.checkInStaff()).isEmpty();
        }
    }

    @Test
    void aTokenWithoutScopeOrganiserStaysWithoutIt() {
        signIn(TestTokens.token("icom-france", "profile"));

        assertThat(authorities()).doesNotContain(Organisers.AUTHORITY, Organisers.DOOR_AUTHORITY);
        assertThat(Organisers.checkInStaff()).isEmpty();
    }

    @Test
    void checkInPathsAreReadUnderTheServicesPrefix() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.name", "registration-service")
                .withProperty("registration.security.check-in-paths[0]", "POST /api/events/*/check-ins");

        assertThat(ServiceSettings.of(environment).security().checkInPaths())
                .containsExactly("POST /api/events/*/check-ins");
        assertThat(ServiceSettings.of(new MockEnvironment().withProperty("spring.application.name", "catalog-service"))
                        .security()
                        .checkInPaths())
                .isEmpty();
    }

    private void signIn(String token) {
        AbstractAuthenticationToken authentication = roles.convert(decoder.decode(token));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private java.util.List<String> authorities() {
        return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
