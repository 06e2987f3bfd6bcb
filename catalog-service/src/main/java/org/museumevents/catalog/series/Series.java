package org.museumevents.catalog.series;

import java.util.UUID;

/** A series belongs to one organisation; its occurrences are ordinary events linked to it. */
record Series(UUID id, String organisation, SeriesDetails details) {}
