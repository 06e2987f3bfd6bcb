package org.museumevents.starter.input;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What registration accepts as an email, notification-service can deliver to: Jakarta Mail parses
 * it strictly as the same bare address, in ASCII (plain SMTP, no SMTPUTF8), and it goes into an
 * iCalendar {@code mailto:} URI as it is.
 */
class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "elise@example.org",
                "Elise.Durand+events@musee-orsay.fr",
                "o'brien@example.co.uk",
                "x_y-z=1~!$&*@example.museum",
                "  elise@example.org  ",
                "elise@bücher.de",
                "elise@例え.jp"
            })
    void acceptsDeliverableAddressesAndKeepsTheirAsciiForm(String address) throws Exception {
        String stored = EmailAddresses.deliverable(address).orElseThrow();
        assertDeliverable(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"elise@bücher.de", "elise@BÜCHER.DE"})
    void keepsAnInternationalDomainInItsAsciiForm(String address) {
        assertThat(EmailAddresses.deliverable(address)).hasValue("elise@xn--bcher-kva.de");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "zoë@example.org",
                "josé@café.fr",
                "用户@例え.jp",
                "elise@example.invalid",
                "elise@café.example",
                "elise@xn--.org",
                "elise@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org",
                "elise@exa_mple.org",
                "elise@xn--a.org",
                "elise@xn--zz.org",
                "elise@home.arpa",
                "elise@-café.fr",
                "elise@café..fr"
            })
    void refusesWhatPlainSmtpCannotDeliver(String address) {
        assertThat(EmailAddresses.deliverable(address)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "elise@straße.de, elise@xn--strae-oqa.de",
        "elise@STRASSE.de, elise@strasse.de",
        "jose@café.fr, jose@xn--caf-dma.fr",
        "jose@CAFÉ.FR, jose@xn--caf-dma.fr",
        "jose@xn--caf-dma.fr, jose@xn--caf-dma.fr",
        "ana@ελληνικά.gr, ana@xn--hxargifdar.gr"
    })
    void givesTheDomainOfIdna2008NotAnotherOne(String typed, String sent) {
        assertThat(EmailAddresses.deliverable(typed)).hasValue(sent);
    }

    @Property(tries = 500)
    void whateverIsAcceptedIsDeliverable(@ForAll("addresses") String address) throws Exception {
        var stored = EmailAddresses.deliverable(address);
        if (stored.isPresent()) {
            assertDeliverable(stored.get());
        }
    }

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> local = Arbitraries.strings()
                .withChars("abcXYZ019.!#$%&'*+/=?^_`{|}~-\"()<>[]\\,;: @é\t")
                .ofMinLength(0)
                .ofMaxLength(70);
        Arbitrary<String> domain = Arbitraries.of(
                "example.org",
                "bücher.de",
                "[192.0.2.1]",
                "localhost",
                "example",
                "-x.org",
                "a..org",
                "x.org.",
                "sub.example.co.uk",
                "exa mple.org");
        return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
    }

    private static void assertDeliverable(String stored) throws Exception {
        InternetAddress parsed = new InternetAddress(stored, true);
        parsed.validate();
        assertThat(parsed.getAddress()).isEqualTo(stored);
        assertThat(parsed.getPersonal()).isNull();
        URI mailto = new URI("mailto:" + stored);
        assertThat(mailto.getScheme()).isEqualTo("mailto");
        assertThat(mailto.getSchemeSpecificPart()).isEqualTo(stored);
        assertThat(mailto.getRawSchemeSpecificPart()).isEqualTo(stored);
        assertThat(stored).isEqualTo(stored.strip()).doesNotContain("\"", "(", "[", "<", " ");
        assertThat(stored.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
