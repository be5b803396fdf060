package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.domain.Text;
import org.imdbetl.state.ScoringStore;
import org.imdbetl.state.TopQuery;

@Path("/movies")
@Produces(MediaType.APPLICATION_JSON)
public class MovieResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    static final int MAX_GENRE_LENGTH = 64;

    private final ScoringStore store;

    MovieResource(ScoringStore store) {
        this.store = store;
    }

    /** Rated movies by weighted score, then votes, then tconst. */
    @GET
    @Path("/top")
    @Operation(summary = "Top movies by Bayesian weighted rating",
            description = "Rated movies ordered by weightedScore desc, then numVotes desc, then tconst asc.")
    @APIResponse(responseCode = "200", description = "The movies, best first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MovieView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "top", value = Examples.TOP_MOVIES)))
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "bad limit", value = Examples.BAD_LIMIT)))
    public List<MovieView> top(
            @Parameter(description = "How many, 1-1000", example = "10") @QueryParam("limit") String limit,
            @Parameter(description = "Only this genre (see /genres), case-insensitive", example = "Drama") @QueryParam("genre") String genre,
            @Parameter(description = "Only movies with at least this many votes", example = "100000") @QueryParam("minVotes") String minVotes,
            @Parameter(description = "Released in or after this year", example = "1990") @QueryParam("fromYear") String fromYear,
            @Parameter(description = "Released in or before this year", example = "1999") @QueryParam("toYear") String toYear) {
        TopQuery query = new TopQuery(
                QueryParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                genre(genre),
                QueryParams.longInRange("minVotes", minVotes == null || minVotes.isBlank() ? "0" : minVotes, 0, Long.MAX_VALUE),
                QueryParams.optionalInt("fromYear", fromYear, Movie.MIN_YEAR, Movie.MAX_YEAR),
                QueryParams.optionalInt("toYear", toYear, Movie.MIN_YEAR, Movie.MAX_YEAR));
        if (query.fromYear() != null && query.toYear() != null && query.fromYear() > query.toYear()) {
            throw new BadRequestException("fromYear " + query.fromYear() + " is after toYear " + query.toYear());
        }
        return store.top(query).stream().map(MovieView::from).toList();
    }

    @GET
    @Path("/{tconst}")
    @Operation(summary = "One movie by its IMDb id")
    @APIResponse(responseCode = "200", description = "The movie", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MovieView.class), examples = @ExampleObject(name = "movie", value = Examples.MOVIE)))
    @APIResponse(responseCode = "404", description = "No such movie in the store", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "unknown", value = Examples.NOT_FOUND)))
    @APIResponse(responseCode = "400", description = "Not an IMDb title id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public MovieView movie(@Parameter(description = "IMDb title id", example = "tt0111161") @PathParam("tconst") String tconst) {
        if (!Tconst.isValid(tconst)) {
            throw new BadRequestException("tconst must be 'tt' followed by 7 to 10 digits, was '"
                    + Text.abbreviate(tconst, 40) + "'");
        }
        return store.find(tconst).map(MovieView::from)
                .orElseThrow(() -> new NotFoundException("no movie " + tconst + " in the store"));
    }

    private String genre(String genre) {
        if (genre == null || genre.isBlank()) {
            return null;
        }
        if (genre.length() > MAX_GENRE_LENGTH) {
            throw new BadRequestException("genre must be at most " + MAX_GENRE_LENGTH + " characters");
        }
        return store.canonicalGenre(genre.trim()).orElseThrow(() -> new BadRequestException(
                "no movie in the store has genre '" + Text.abbreviate(genre, 40) + "'; GET /genres lists them"));
    }
}
