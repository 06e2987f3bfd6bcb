package org.museumevents.registration.attendees;

import java.util.List;

/** A page of results, in the shape of Spring Data's {@code PagedModel}. */
record Page<T>(List<T> content, Metadata page) {

    static <T> Page<T> of(List<T> content, int number, int size, long totalElements) {
        return new Page<>(content, new Metadata(size, number, totalElements, (totalElements + size - 1) / size));
    }

    record Metadata(int size, int number, long totalElements, long totalPages) {}
}
