package org.museumevents.registration.registration;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * The email addresses a registration accepts: those notification-service can deliver an invitation
 * to, with Jakarta Mail and as an iCalendar {@code ATTENDEE:mailto:} URI, without any escaping. That
 * is a bare {@code local@domain} (no display name, comment or quoted local part), whose local part
 * is a dot-atom of at most 64 octets made of letters, digits (of any script: the existing
 * registrants include {@code zoë@...}) and the symbols a {@code mailto:} URI carries as they are,
 * and whose domain is a host name with a dot, valid labels and a top-level domain of the IANA
 * list (commons-validator's {@link EmailValidator}), never an IP literal; an internationalised
 * domain is accepted and kept in its ASCII form ({@link IDN#toASCII}), so what is stored is what is
 * sent. At most 254 octets in all.
 */
final class EmailAddresses {

    /**
     * RFC 5322 atext, with RFC 6531's letters and digits of any script, without what a mailto URI
     * would have to escape ({@code #%/?^`{|}}) or quote.
     */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[\\p{L}\\p{N}!$&'*+=_~-]+(\\.[\\p{L}\\p{N}!$&'*+=_~-]+)*");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    private EmailAddresses() {}

    /**
     * The address as stored and sent: trimmed, its domain in lower-case ASCII.
     *
     * @return empty when the address is not one we can deliver to
     */
    static Optional<String> deliverable(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || utf8Length(trimmed) > 254) {
            return Optional.empty();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1);
        if (utf8Length(local) > 64 || !LOCAL_PART.matcher(local).matches()) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.length() > 253 || ascii.endsWith(".") || !ascii.contains(".")) {
            return Optional.empty();
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        String normalised = local + "@" + ascii;
        if (normalised.length() > 254 || !VALIDATOR.isValid(normalised)) {
            return Optional.empty();
        }
        return Optional.of(normalised);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
