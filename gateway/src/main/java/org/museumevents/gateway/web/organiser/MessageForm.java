package org.museumevents.gateway.web.organiser;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of the messages page's form, as posted: the statuses written to, subject and body in
 * French, English and Spanish, now or at a local date and time in the event's zone
 * ({@code yyyy-MM-dd'T'HH:mm}), the idempotency key the page was rendered with, and the status of
 * the sample registrant a preview is written to.
 */
public class MessageForm {

    /** {@code when}'s value for a message sent at once. */
    static final String NOW = "now";

    /** {@code when}'s value for a message sent at {@code sendAt}. */
    static final String LATER = "later";

    private List<String> recipients = new ArrayList<>();
    private String subjectFr;
    private String subjectEn;
    private String subjectEs;
    private String bodyFr;
    private String bodyEn;
    private String bodyEs;
    private String when = NOW;
    private String sendAt;
    private String idempotencyKey;
    private String previewStatus = "CONFIRMED";
    private String previewLanguage;

    public List<String> getRecipients() {
        return recipients;
    }

    public void setRecipients(List<String> recipients) {
        this.recipients = recipients == null ? new ArrayList<>() : new ArrayList<>(recipients);
    }

    public String getSubjectFr() {
        return subjectFr;
    }

    public void setSubjectFr(String subjectFr) {
        this.subjectFr = subjectFr;
    }

    public String getSubjectEn() {
        return subjectEn;
    }

    public void setSubjectEn(String subjectEn) {
        this.subjectEn = subjectEn;
    }

    public String getSubjectEs() {
        return subjectEs;
    }

    public void setSubjectEs(String subjectEs) {
        this.subjectEs = subjectEs;
    }

    public String getBodyFr() {
        return bodyFr;
    }

    public void setBodyFr(String bodyFr) {
        this.bodyFr = bodyFr;
    }

    public String getBodyEn() {
        return bodyEn;
    }

    public void setBodyEn(String bodyEn) {
        this.bodyEn = bodyEn;
    }

    public String getBodyEs() {
        return bodyEs;
    }

    public void setBodyEs(String bodyEs) {
        this.bodyEs = bodyEs;
    }

    public String getWhen() {
        return when;
    }

    public void setWhen(String when) {
        this.when = when;
    }

    public String getSendAt() {
        return sendAt;
    }

    public void setSendAt(String sendAt) {
        this.sendAt = sendAt;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getPreviewStatus() {
        return previewStatus;
    }

    public void setPreviewStatus(String previewStatus) {
        this.previewStatus = previewStatus;
    }

    /** The language the preview is written in: {@code fr}, {@code en} or {@code es}; null until chosen. */
    public String getPreviewLanguage() {
        return previewLanguage;
    }

    public void setPreviewLanguage(String previewLanguage) {
        this.previewLanguage = previewLanguage;
    }

    /** Whether the message is to be sent at {@link #getSendAt()} rather than now. */
    public boolean isLater() {
        return LATER.equals(when);
    }
}
