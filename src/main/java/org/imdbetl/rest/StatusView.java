package org.imdbetl.rest;

import org.imdbetl.app.ServiceStatus;
import org.imdbetl.lake.SnapshotStatus;
import org.imdbetl.source.DatasetStatus;
import org.imdbetl.source.IngestProgress;

/** Ingest, consumer, store, history, Kafka and snapshot state in one answer: the service's status read model as is. */
public record StatusView(IngestProgress.Snapshot ingest, DatasetStatus dataset, ServiceStatus.Consumer consumer,
        ServiceStatus.Store store, ServiceStatus.History history, ServiceStatus.Kafka kafka, SnapshotStatus snapshot,
        ServiceStatus.Catalogue catalogue) {

    public static StatusView from(ServiceStatus.Status status) {
        return new StatusView(status.ingest(), status.dataset(), status.consumer(), status.store(), status.history(), status.kafka(),
                status.snapshot(), status.catalogue());
    }
}
