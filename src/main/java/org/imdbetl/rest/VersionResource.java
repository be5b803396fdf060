package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/version")
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    /** Name and version of the running service. */
    public record VersionView(String name, String version) {
    }

    private final VersionView version;

    VersionResource(@ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.version = new VersionView(name, version);
    }

    @GET
    @Operation(summary = "Name and version of the service")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "version", value = "{\"name\":\"imdb-etl\",\"version\":\"1.0.0-SNAPSHOT\"}")))
    public VersionView version() {
        return version;
    }
}
