package org.museumevents.registration.attestation;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes an attestation of attendance as a one-page A4 PDF with OpenPDF (issue 16, docs/api.md), in
 * the registrant's language ({@code fr}, {@code en} or {@code es}; another is written in English):
 * the organisation, the event's title, date and times in the event's zone, the place (or "online"),
 * the duration, the participant's name and the verification code. The text is set in Liberation
 * Sans (shipped with OpenPDF), embedded, so that every accent and French typography's narrow
 * no-break space shows whatever the reader's fonts.
 */
final class AttestationPdf {

    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";

    private AttestationPdf() {}

    /** The texts of one language; {@code {0}}-style parts are filled by {@link #write}. */
    private record Texts(
            String heading,
            String statement,
            String event,
            String date,
            String times,
            String place,
            String online,
            String duration,
            String participant,
            String code,
            String issued,
            String verify,
            String datePattern) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "fr",
            new Texts(
                    "Attestation de présence",
                    "%s atteste que la personne ci-dessous a participé à l’événement suivant\u202f:",
                    "Événement",
                    "Date",
                    "Horaires",
                    "Lieu",
                    "En ligne",
                    "Durée",
                    "Participant·e",
                    "Code de vérification",
                    "Délivrée le %s.",
                    "Les organisateurs de l’événement peuvent vérifier cette attestation avec son code.",
                    "EEEE d MMMM yyyy"),
            "en",
            new Texts(
                    "Certificate of attendance",
                    "%s certifies that the person named below attended the following event:",
                    "Event",
                    "Date",
                    "Times",
                    "Place",
                    "Online",
                    "Duration",
                    "Participant",
                    "Verification code",
                    "Issued on %s.",
                    "The event's organisers can verify this certificate with its code.",
                    "EEEE d MMMM yyyy"),
            "es",
            new Texts(
                    "Certificado de asistencia",
                    "%s certifica que la persona abajo indicada asistió al siguiente evento:",
                    "Evento",
                    "Fecha",
                    "Horario",
                    "Lugar",
                    "En línea",
                    "Duración",
                    "Participante",
                    "Código de verificación",
                    "Expedido el %s.",
                    "Los organizadores del evento pueden verificar este certificado con su código.",
                    "EEEE, d 'de' MMMM 'de' yyyy"));

    /**
     * The attestation of {@code attendance} with verification {@code code}, naming {@code
     * organisation} (the name printed, see {@link AttestationProperties#nameOf}).
     *
     * @return the PDF's bytes
     */
    static byte[] write(
            AttestationRepository.Attendance attendance, String organisation, String code, Instant issuedAt) {
        String language = TEXTS.containsKey(attendance.language()) ? attendance.language() : "en";
        Texts texts = TEXTS.get(language);
        ZoneId zone = zone(attendance.timeZone());
        String place = "ONLINE".equals(attendance.format()) || attendance.venue() == null
                ? texts.online()
                : venue(attendance.venue());
        if ("HYBRID".equals(attendance.format()) && attendance.venue() != null) {
            place = place + " / " + texts.online();
        }
        Locale locale = Locale.forLanguageTag(language);
        DateTimeFormatter day = DateTimeFormatter.ofPattern(texts.datePattern(), locale);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm", locale);
        ZonedDateTime start = attendance.startsAt().atZone(zone);
        ZonedDateTime end = attendance.endsAt().atZone(zone);
        String date = start.toLocalDate().equals(end.toLocalDate())
                ? day.format(start)
                : day.format(start) + " – " + day.format(end);
        String times = hour.format(start) + " – " + hour.format(end) + " (" + zone.getId() + ")";

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 64, 64, 72, 72);
        try {
            BaseFont base = BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            Font heading = new Font(base, 22);
            Font text = new Font(base, 12);
            Font label = new Font(base, 10, Font.NORMAL, new java.awt.Color(0x55, 0x55, 0x55));
            Font strong = new Font(base, 14);
            PdfWriter.getInstance(document, pdf);
            document.addTitle(texts.heading());
            document.open();
            Paragraph title = new Paragraph(texts.heading(), heading);
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingAfter(28);
            document.add(title);
            Paragraph statement = new Paragraph(String.format(texts.statement(), organisation), text);
            statement.setSpacingAfter(18);
            document.add(statement);

            PdfPTable table = new PdfPTable(new float[] {1.2f, 3f});
            table.setWidthPercentage(100);
            row(table, texts.participant(), attendance.name(), label, strong);
            row(table, texts.event(), title(attendance.title(), language), label, strong);
            row(table, texts.date(), date, label, text);
            row(table, texts.times(), times, label, text);
            row(table, texts.place(), place, label, text);
            row(
                    table,
                    texts.duration(),
                    duration(Duration.between(attendance.startsAt(), attendance.endsAt())),
                    label,
                    text);
            row(table, texts.code(), code, label, strong);
            document.add(table);

            Paragraph issued = new Paragraph(String.format(texts.issued(), day.format(issuedAt.atZone(zone))), text);
            issued.setSpacingBefore(24);
            document.add(issued);
            document.add(new Paragraph(texts.verify(), label));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("The attestation could not be written", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    private static void row(PdfPTable table, String label, String value, Font labelFont, Font valueFont) {
        PdfPCell name = new PdfPCell(new Paragraph(label, labelFont));
        name.setBorder(0);
        name.setPaddingBottom(10);
        PdfPCell cell = new PdfPCell(new Paragraph(value == null ? "" : value, valueFont));
        cell.setBorder(0);
        cell.setPaddingBottom(10);
        table.addCell(name);
        table.addCell(cell);
    }

    /** The title in {@code language}, else in English, French, Spanish, else any. */
    static String title(Map<String, String> titles, String language) {
        return Stream.of(language, "en", "fr", "es")
                .map(titles::get)
                .filter(t -> t != null && !t.isBlank())
                .findFirst()
                .orElseGet(() -> titles.values().stream().findFirst().orElse(""));
    }

    /** "1 h 30", "2 h", "45 min": the event's length, the same in the three languages. */
    static String duration(Duration length) {
        long minutes = Math.max(0, length.toMinutes());
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return rest + " min";
        }
        return rest == 0 ? hours + " h" : hours + " h " + (rest < 10 ? "0" : "") + rest;
    }

    /** "Musée des Confluences, 86 quai Perrache, Lyon, FR": the parts given, in order. */
    static String venue(EventDetails.Venue venue) {
        return Stream.of(venue.name(), venue.address(), venue.city(), venue.country())
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .collect(Collectors.joining(", "));
    }

    /**
     * The file name's slug: the title in ASCII lower case, words joined by hyphens, at most 60
     * characters; {@code event} when nothing is left.
     */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (ascii.length() > 60) {
            ascii = ascii.substring(0, 60).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "event" : ascii;
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
