package org.imdbetl.domain;

/** A movie as the listener took it from the topic, with where it was. */
public record ConsumedMovie(Movie movie, int partition, long offset) {
}
