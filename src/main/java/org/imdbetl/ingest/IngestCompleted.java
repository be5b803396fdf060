package org.imdbetl.ingest;

/** CDI event: an ingest finished and Kafka acknowledged every record it sent. */
public record IngestCompleted(long sent) {
}
