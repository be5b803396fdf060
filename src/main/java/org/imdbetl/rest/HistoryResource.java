package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Tconst;
import org.imdbetl.history.HistoryPoint;
import org.imdbetl.history.MoversQuery;
import org.imdbetl.history.RatingHistory;
import org.imdbetl.scoring.ScoringStore;

/** How ratings moved: one movie's history, and the movies that moved most since a date. */
@Path("/movies")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    static final int DEFAULT_MOVERS = 10;
    static final int MAX_MOVERS = 100;

    private final RatingHistory history;
    private final ScoringStore store;

    HistoryResource(RatingHistory history, ScoringStore store) {
        this.history = history;
        this.store = store;
    }

    @GET
    @Path("/{tconst}/history")
    @Operation(summary = "A movie's rating history",
            description = "One point per refresh that added, changed or removed the movie, oldest first. asOf is the"
                    + " dataset version of that refresh. A removed movie keeps its history.")
    @APIResponse(responseCode = "200", description = "The points, oldest first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPointView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No refresh ever saw this movie", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "400", description = "Not an IMDb title id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public List<HistoryPointView> history(
            @Parameter(description = "IMDb title id", example = "tt0111161") @PathParam("tconst") String tconst) {
        if (!Tconst.isValid(tconst)) {
            throw new BadRequestException("tconst must be 'tt' followed by 7 to 10 digits, was '"
                    + Excerpt.of(tconst, 40) + "'");
        }
        List<HistoryPoint> points = history.history(tconst);
        if (points.isEmpty()) {
            throw new NotFoundException("no history for " + tconst + ": no refresh has seen it");
        }
        return points.stream().map(HistoryPointView::from).toList();
    }

    @GET
    @Path("/movers")
    @Operation(summary = "The movies whose votes, rating or score moved most",
            description = "Compares each movie's latest point at or before since (default: the refresh before the latest)"
                    + " with its latest point. Movies without a point at or before since, removed or unrated ones, and"
                    + " those that did not move are left out. Ties: tconst ascending.")
    @APIResponse(responseCode = "200", description = "The movers, biggest move first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MoverView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public List<MoverView> movers(
            @Parameter(description = "votes, rating or score", example = "votes") @QueryParam("by") String by,
            @Parameter(description = "Compare with the values as of this day (UTC), YYYY-MM-DD; default: the refresh"
                    + " before the latest", example = "2026-11-20") @QueryParam("since") String since,
            @Parameter(description = "Only this genre (see /genres), case-insensitive", example = "Drama") @QueryParam("genre") String genre,
            @Parameter(description = "How many, 1-100", example = "10") @QueryParam("limit") String limit,
            @Parameter(description = "up (biggest rises) or down (biggest falls)", example = "up")
            @QueryParam("direction") String direction) {
        MoversQuery.Measure measure = QueryParams.choice("by", by, MoversQuery.Measure.VOTES);
        LocalDate day = QueryParams.optionalDate("since", since);
        String canonicalGenre = QueryParams.genre(genre, store);
        int count = QueryParams.intInRange("limit", limit, DEFAULT_MOVERS, 1, MAX_MOVERS);
        MoversQuery.Direction way = QueryParams.choice("direction", direction, MoversQuery.Direction.UP);
        // "As of a day" takes every refresh of that day: the last millisecond of it, UTC.
        Instant until = day == null ? null : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
        Predicate<String> inGenre = canonicalGenre == null ? null
                : tconst -> store.find(tconst).map(s -> s.movie().genres().contains(canonicalGenre)).orElse(false);
        MoversQuery query = new MoversQuery(measure, until, inGenre, count, way);
        return history.movers(query).stream()
                .map(mover -> MoverView.from(mover, measure, store.find(mover.tconst())))
                .toList();
    }
}
