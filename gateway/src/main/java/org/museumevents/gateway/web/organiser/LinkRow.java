package org.museumevents.gateway.web.organiser;

/** One row of the follow-up's links in the event editor: a label and a URL, as typed. */
public class LinkRow {

    private String label;
    private String url;

    public LinkRow() {}

    LinkRow(String label, String url) {
        this.label = label;
        this.url = url;
    }

    boolean isBlank() {
        return (label == null || label.isBlank()) && (url == null || url.isBlank());
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
