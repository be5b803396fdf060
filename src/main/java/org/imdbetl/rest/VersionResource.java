package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    public VersionView version() {
        return version;
    }
}
