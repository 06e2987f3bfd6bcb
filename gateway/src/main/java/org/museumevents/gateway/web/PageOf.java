package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A page of results as the services answer them: {@code {content, page: {size, number, ...}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageOf<T>(List<T> content, Metadata page) {

    public PageOf {
        content = content == null ? List.of() : content;
        page = page == null ? new Metadata(content.size(), 0, content.size(), 1) : page;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(int size, int number, long totalElements, long totalPages) {}

    public boolean hasPrevious() {
        return page.number() > 0;
    }

    public boolean hasNext() {
        return page.number() + 1 < page.totalPages();
    }
}
