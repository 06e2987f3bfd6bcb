package org.museumevents.registration.attestation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attestations of attendance (issue 16, docs/api.md): the attendee downloads theirs with their manage
 * token; the event's organisers verify one by its code. Tokens and codes are never logged.
 */
@RestController
@Tag(name = "Attestations", description = "Attestations of attendance, and their verification by the organisers.")
class AttestationController {

    /** A manage token as minted (base64url); anything else opens nothing, without reaching the database. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** A verification code: three groups of four of {@link #ALPHABET}. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");

    /** Letters and digits that cannot be mistaken for one another when typed from paper (no I, L, O, U, 0, 1). */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AttestationRepository attestations;
    private final Clock clock;

    private final AttestationProperties properties;

    AttestationController(AttestationRepository attestations, AttestationProperties properties, Clock clock) {
        this.attestations = attestations;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An attestation, verified.
     *
     * @param name the participant's name
     * @param attendedAt when they were first checked in (UTC)
     * @param issuedAt when the attestation was first issued (UTC)
     */
    record Verification(UUID registrationId, UUID eventId, String name, Instant attendedAt, Instant issuedAt) {}

    @GetMapping(value = "/api/registrations/{id}/attestation.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(
            operationId = "downloadAttestation",
            summary = "The registrant's attestation of attendance, as PDF in their language",
            description = "For a CONFIRMED registration checked in at the event, not erased; the same verification"
                    + " code on every download.")
    @ApiResponse(responseCode = "200", description = "The PDF, as an attachment named attestation-<title>.pdf")
    @ApiResponse(
            responseCode = "404",
            description = "No such registration, a wrong token, not attended, not confirmed or erased: one answer")
    ResponseEntity<byte[]> attestation(@PathVariable UUID id, @RequestParam(required = false) String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw Problems.notFound("The attestation");
        }
        AttestationRepository.Attendance attendance =
                attestations.attendance(id, token).orElseThrow(() -> Problems.notFound("The attestation"));
        AttestationRepository.Issued issued = issue(attendance);
        byte[] pdf = AttestationPdf.write(
                attendance,
                properties.nameOf(attendance.organisation(), attendance.organisationName()),
                issued.code(),
                issued.issuedAt());
        String slug = AttestationPdf.slug(AttestationPdf.title(attendance.title(), attendance.language()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("attestation-" + slug + ".pdf")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }

    @GetMapping("/api/attestations/{code}")
    @SecurityRequirement(name = "organiser")
    @Operation(
            operationId = "verifyAttestation",
            summary = "Verify an attestation of attendance by its code, for the event's organisers")
    @ApiResponse(responseCode = "200", description = "The attestation's registration, participant and dates")
    @ApiResponse(responseCode = "404", description = "No attestation with this code for an event of the organisation")
    Verification verify(@PathVariable String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw Problems.notFound("The attestation");
        }
        return attestations
                .verified(code)
                .filter(v -> Organisers.isOrganiserOf(v.organisation()))
                .map(v -> new Verification(v.registrationId(), v.eventId(), v.name(), v.attendedAt(), v.issuedAt()))
                .orElseThrow(() -> Problems.notFound("The attestation"));
    }

    /** The registration's verification code, drawn on its first issue (again on the rare collision). */
    private AttestationRepository.Issued issue(AttestationRepository.Attendance attendance) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int attempt = 1; ; attempt++) {
            try {
                return attestations.issue(attendance.registrationId(), newCode(), now);
            } catch (DuplicateKeyException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** 12 characters of {@link #ALPHABET} (about 59 random bits) from {@link SecureRandom}, as XXXX-XXXX-XXXX. */
    static String newCode() {
        StringBuilder code = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
