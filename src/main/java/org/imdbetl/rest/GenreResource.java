package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.scoring.ScoringStore;

@Path("/genres")
@Produces(MediaType.APPLICATION_JSON)
public class GenreResource {

    private final ScoringStore store;

    GenreResource(ScoringStore store) {
        this.store = store;
    }

    /** Movie count per genre, largest first; movies without genres count under "(unknown)". */
    @GET
    @Operation(summary = "Movie count per genre")
    @APIResponse(responseCode = "200", description = "Genres by count desc, then name", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GenreView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "genres", value = Examples.GENRES)))
    public List<GenreView> genres() {
        return store.genreCounts().stream().map(GenreView::from).toList();
    }
}
