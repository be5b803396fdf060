package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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
    public List<GenreView> genres() {
        return store.genreCounts().stream().map(GenreView::from).toList();
    }
}
