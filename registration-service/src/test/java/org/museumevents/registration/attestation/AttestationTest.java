package org.museumevents.registration.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Attestations of attendance (issue 16) on the real servers: an attendee checked in through the
 * check-in API downloads a PDF whose text (read back with PDFBox) holds their name, the title, the
 * date, the place, the duration and the verification code, in French or in Spanish; "online" for an
 * online event; one 404 for everything else; the organiser verifies the code, another organisation
 * cannot.
 *
 * <p>Seen failing once on purpose: with {@code AND r.checked_in_at IS NOT NULL} dropped from {@code
 * AttestationRepository#attendance}, {@link #nobodyElseGetsOne} failed with "expected: 404 but was:
 * 200" for the registrant who was never checked in.
 */
@RegistrationIntegrationTest
class AttestationTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String OCIM = TestTokens.bearer("ocim");
    /** 16 March 2027, 13:00 – 14:30 in Paris. */
    private static final Instant START = Instant.parse("2027-03-16T12:00:00Z");

    private static final Instant END = Instant.parse("2027-03-16T13:30:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void anAttendeeGetsTheAttestationInTheirLanguageWithTheSameCodeEachTime() throws Exception {
        EventSnapshot event = event("IN_PERSON", 5);
        learn(
                event,
                new EventDetails(
                        Map.of("fr", "Le numérique est-il solidaire ?", "es", "¿Es inclusivo el mundo digital?"),
                        new EventDetails.Venue("Musée des Confluences", "86 quai Perrache", "Lyon", "FR"),
                        "Europe/Paris",
                        "ICOM France"));
        JsonNode french = register(event, "Élise Durand", "fr");
        JsonNode spanish = register(event, "José Núñez", "es");
        checkIn(event, french);
        checkIn(event, spanish);

        Response pdf = attestation(french);
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"attestation-le-numerique-est-il-solidaire.pdf\"");
        String text = text(pdf.bytes());
        String code = code(text);
        assertThat(text)
                .contains("Attestation de présence")
                .contains("ICOM France atteste")
                .contains("Élise Durand")
                .contains("Le numérique est-il solidaire ?")
                .contains("mardi 16 mars 2027")
                .contains("13:00 – 14:30 (Europe/Paris)")
                .contains("Musée des Confluences, 86 quai Perrache, Lyon, FR")
                .contains("Durée")
                .contains("1 h 30")
                .contains("Code de vérification");
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(code(text(attestation(french).bytes())))
                .as("the same code again")
                .isEqualTo(code);

        String spanishText = text(attestation(spanish).bytes());
        assertThat(spanishText)
                .contains("Certificado de asistencia")
                .contains("José Núñez")
                .contains("¿Es inclusivo el mundo digital?")
                .contains("martes, 16 de marzo de 2027")
                .contains("Lugar")
                .contains("1 h 30")
                .contains("Código de verificación");
        assertThat(code(spanishText)).isNotEqualTo(code);

        // The organiser verifies it; another organisation finds nothing.
        Response verified = api.get("/api/attestations/" + code, "Authorization", ICOM);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("registrationId").asString())
                .isEqualTo(french.get("id").asString());
        assertThat(verified.json().get("eventId").asString())
                .isEqualTo(event.id().toString());
        assertThat(verified.json().get("name").asString()).isEqualTo("Élise Durand");
        Instant.parse(verified.json().get("attendedAt").asString());
        Instant.parse(verified.json().get("issuedAt").asString());
        assertProblem(api.get("/api/attestations/" + code, "Authorization", OCIM), 404);
        assertProblem(api.get("/api/attestations/AAAA-BBBB-CCCC", "Authorization", ICOM), 404);
        assertProblem(api.get("/api/attestations/not-a-code", "Authorization", ICOM), 404);
        assertThat(api.get("/api/attestations/" + code).status()).as("no token").isEqualTo(401);
    }

    @Test
    void anOnlineEventsAttestationSaysOnline() throws Exception {
        EventSnapshot event = event("ONLINE", 5);
        learn(event, new EventDetails(Map.of("en", "Is the digital world inclusive?"), null, "Europe/Paris", null));
        JsonNode registered = register(event, "Ada Lovelace", "en");
        // Online events have no door: the organiser marks attendance (here as a check-in would).
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("UPDATE registration SET checked_in_at = now() WHERE id = :id")
                .param("id", UUID.fromString(registered.get("id").asString()))
                .update();
        String text = text(attestation(registered).bytes());
        assertThat(text)
                .contains("Certificate of attendance")
                .contains("ICOM France certifies")
                .contains("Ada Lovelace")
                .contains("Tuesday 16 March 2027")
                .contains("Online")
                .contains("1 h 30");
    }

    @Test
    void nobodyElseGetsOne() {
        EventSnapshot event = event("HYBRID", 1);
        JsonNode attendee = register(event, "Élise Durand", "fr");
        JsonNode waiting = register(event, "Paul Martin", "fr");
        checkIn(event, attendee);
        assertThat(attestation(attendee).status()).isEqualTo(200);

        assertProblem(attestation(waiting), 404);
        JsonNode absent = register(event("IN_PERSON", 5), "Nina Roy", "fr");
        assertProblem(attestation(absent), 404);
        assertProblem(
                api.get("/api/registrations/" + attendee.get("id").asString() + "/attestation.pdf?token=wrong"), 404);
        assertProblem(api.get("/api/registrations/" + attendee.get("id").asString() + "/attestation.pdf"), 404);
        assertProblem(
                api.get("/api/registrations/" + UUID.randomUUID() + "/attestation.pdf?token="
                        + attendee.get("token").asString()),
                404);

        Response erased = api.delete(
                "/api/registrations/" + attendee.get("id").asString() + "/personal-data", "Authorization", ICOM);
        assertThat(erased.status()).isEqualTo(204);
        assertProblem(attestation(attendee), 404);
    }

    private EventSnapshot event(String format, int capacity) {
        EventSnapshot e = TestCatalog.dates(TestCatalog.event("icom-france", capacity), START, END);
        return TestCatalog.apply(context, TestCatalog.format(e, format));
    }

    private void learn(EventSnapshot event, EventDetails details) {
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> context.getBean(Attestations.class)
                .learn(event.id(), event.version(), details));
    }

    private JsonNode register(EventSnapshot event, String name, String language) {
        String body = Api.body(name, "attest-" + UUID.randomUUID() + "@example.org")
                .replace("\"language\": \"fr\"", "\"language\": \"" + language + "\"");
        Response r = api.post("/api/events/" + event.id() + "/registrations", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private void checkIn(EventSnapshot event, JsonNode registered) {
        Response r = api.post(
                "/api/events/" + event.id() + "/check-ins",
                "{\"registrationId\": \"" + registered.get("id").asString() + "\"}",
                "Authorization",
                ICOM);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private Response attestation(JsonNode registered) {
        return api.get("/api/registrations/" + registered.get("id").asString() + "/attestation.pdf?token="
                + registered.get("token").asString());
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The verification code printed after its label. */
    private static String code(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group();
    }

    private static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
