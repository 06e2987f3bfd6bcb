package org.museumevents.catalog.series;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.UUID;
import org.museumevents.catalog.event.EventView;

/**
 * A series with its events: published ones for anyone, drafts too for its organisers. Only its
 * organisers see the meeting of its {@code eventDefaults}, as only they see its events' meetings.
 */
public record SeriesView(UUID id, String organisation, @JsonUnwrapped SeriesDetails details, List<EventView> events) {}
