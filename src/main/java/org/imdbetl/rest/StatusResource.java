package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.ingest.IngestService;
import org.imdbetl.kafka.KafkaBroker;
import org.imdbetl.listener.ConsumerPositions;
import org.imdbetl.listener.ConsumerStats;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.snapshot.SnapshotService;

@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final IngestService ingest;
    private final ConsumerStats consumer;
    private final ScoringStore store;
    private final KafkaBroker broker;
    private final ImdbConfig config;
    private final ConsumerPositions positions;
    private final SnapshotService snapshots;

    StatusResource(IngestService ingest, ConsumerStats consumer, ScoringStore store, KafkaBroker broker, ImdbConfig config,
            ConsumerPositions positions, SnapshotService snapshots) {
        this.positions = positions;
        this.snapshots = snapshots;
        this.ingest = ingest;
        this.consumer = consumer;
        this.store = store;
        this.broker = broker;
        this.config = config;
    }

    /** Ingest state and counters, rejected rows by reason, store size, and the m and C in use. */
    @GET
    @Operation(summary = "Ingest, consumer, store and snapshot state")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusView.class), examples = @ExampleObject(name = "status", value = Examples.STATUS)))
    public StatusView status() {
        return StatusView.from(ingest.progress(), consumer, positions.loaded(), store.stats(),
                new StatusView.Kafka(broker.bootstrapServers(), broker.isEmbedded(), config.kafka().topic()),
                snapshots.status());
    }
}
