package org.museumevents.starter.input;

import com.ibm.icu.text.IDNA;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * The email addresses the platform can deliver an invitation to, with Jakarta Mail over plain SMTP
 * (no SMTPUTF8, which most relays do not offer) and as an iCalendar {@code ATTENDEE:mailto:} URI,
 * without any escaping. That is a bare {@code local@domain} (no display name, comment or quoted
 * local part), whose local part is an ASCII dot-atom of at most 64 octets (RFC 5322 §3.2.3, without
 * the symbols a {@code mailto:} URI would have to escape), and whose domain is a host name with a
 * dot, valid labels and a top-level domain of the IANA list (commons-validator's {@link
 * EmailValidator}), never an IP literal. An internationalised domain (RFC 5890, IDNA) is accepted
 * and given in its ASCII form ({@link #asciiDomain}, {@code bücher.de} → {@code xn--bcher-kva.de}):
 * that is the form an SMTP server without SMTPUTF8 accepts. A local part in another script
 * ({@code zoë@...}) needs SMTPUTF8 (RFC 6531) end to end, so it is refused rather than accepted and
 * never delivered. At most 254 octets in all (RFC 5321 §4.5.3.1.3).
 *
 * <p>registration-service refuses at the door what this refuses; notification-service sends to
 * {@link #deliverable}'s form and ends, without retrying, an email to an address stored before
 * these rules that it refuses.
 */
public final class EmailAddresses {

    /**
     * RFC 5322 atext in ASCII, without what a mailto URI would have to escape ({@code #%/?^`{|}}) or
     * quote.
     */
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!$&'*+=_~-]+(\\.[A-Za-z0-9!$&'*+=_~-]+)*");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, false);

    private EmailAddresses() {}

    /**
     * The address as stored and sent: trimmed, its domain in lower-case ASCII (IDNA), its local part
     * as given (RFC 5321 §2.4: only the receiving host may interpret its case).
     *
     * @param address what a person typed, or a stored address; may be null
     * @return the deliverable form; empty when the address is not one we can deliver to
     */
    public static Optional<String> deliverable(String address) {
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
        Optional<String> ascii = asciiDomain(domain);
        if (ascii.isEmpty()
                || !ascii.get().contains(".")
                || ascii.get().endsWith(".arpa")) { // the infrastructure domain (RFC 3172, RFC 8375): no mailboxes
            return Optional.empty();
        }
        String normalised = local + "@" + ascii.get();
        if (normalised.length() > 254 || !VALIDATOR.isValid(normalised)) {
            return Optional.empty();
        }
        return Optional.of(normalised);
    }

    /**
     * A domain name in the ASCII form DNS and SMTP use: UTS #46 non-transitional processing (ICU4J),
     * which is IDNA2008 (RFC 5891) as browsers and mail clients apply it. So {@code straße.de} is
     * {@code xn--strae-oqa.de}, not {@code strasse.de}, another domain, as the JDK's IDNA2003 {@code
     * java.net.IDN} would give; an {@code xn--} label must decode to a valid one; STD3 rules (letters,
     * digits, hyphens, no hyphen at either end), bidi and joiner rules apply.
     *
     * @param domain a domain as typed or stored, Unicode or ASCII, any case; may not be null
     * @return the domain in lower-case ASCII, labels of 1 to 63 octets, at most 253 in all; empty
     *     when it is not a valid host name
     */
    public static Optional<String> asciiDomain(String domain) {
        StringBuilder ascii = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, ascii, info);
        String result = ascii.toString().toLowerCase(Locale.ROOT);
        if (info.hasErrors() || result.isEmpty() || result.length() > 253 || result.endsWith(".")) {
            return Optional.empty();
        }
        for (String label : result.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
