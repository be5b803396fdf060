package org.imdbetl.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.imdbetl.catalogue.Catalogue;
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
    private final Catalogue catalogue;

    GenreResource(ScoringStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    /** Movie count per genre, largest first; movies without genres count under "(unknown)". */
    @GET
    @Operation(summary = "Movie count per genre; with type, title count per genre of each type",
            description = "Without type: the movie counts, as always. With type=tvSeries (or several, comma-separated): one entry per"
                    + " type and genre, {titleType, genre, titleCount}, by type as asked, then count desc, then genre.")
    @APIResponse(responseCode = "200", description = "Genres by count desc, then name", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GenreView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "genres", value = Examples.GENRES)))
    public List<?> genres(@Parameter(description = "Title types, comma-separated: the catalogue's counts per type instead of the"
            + " movie counts", example = "tvSeries") @QueryParam("type") String type) {
        if (type == null || type.isBlank()) {
            return store.genreCounts().stream().map(GenreView::from).toList();
        }
        List<TypeGenreView> counts = new ArrayList<>();
        for (String titleType : TitleResource.types(type, catalogue)) {
            catalogue.genreCounts(titleType).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> counts.add(new TypeGenreView(titleType, e.getKey(), e.getValue())));
        }
        return counts;
    }
}
