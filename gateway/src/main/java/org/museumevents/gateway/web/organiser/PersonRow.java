package org.museumevents.gateway.web.organiser;

/** One person of an event as typed: name, affiliation, role. */
public class PersonRow {

    private String name;
    private String affiliation;
    private String role = "SPEAKER";

    public PersonRow() {}

    PersonRow(String name, String affiliation, String role) {
        this.name = name;
        this.affiliation = affiliation;
        this.role = role;
    }

    boolean isBlank() {
        return (name == null || name.isBlank()) && (affiliation == null || affiliation.isBlank());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAffiliation() {
        return affiliation;
    }

    public void setAffiliation(String affiliation) {
        this.affiliation = affiliation;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }
}
