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
import org.imdbetl.app.ServiceStatus;

@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final ServiceStatus status;

    StatusResource(ServiceStatus status) {
        this.status = status;
    }

    /** Ingest state and counters, rejected rows by reason, store size, and the m and C in use. */
    @GET
    @Operation(summary = "Ingest, consumer, store and snapshot state")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusView.class), examples = @ExampleObject(name = "status", value = Examples.STATUS)))
    public StatusView status() {
        return StatusView.from(status.current());
    }
}
