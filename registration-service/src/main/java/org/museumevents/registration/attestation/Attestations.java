package org.museumevents.registration.attestation;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps what the attestations say of each event, from the catalog's messages. */
@Service
public class Attestations {

    private final AttestationRepository repository;

    Attestations(AttestationRepository repository) {
        this.repository = repository;
    }

    /**
     * Records the event's details, if {@code version} is the version of the event now stored (the
     * catalog's message was applied, not ignored as older). Call after the event itself was applied,
     * in the same transaction.
     *
     * @param eventId the catalog's event id
     * @param version the version of the catalog's message
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void learn(UUID eventId, long version, EventDetails details) {
        repository.saveDetails(eventId, version, details);
    }
}
