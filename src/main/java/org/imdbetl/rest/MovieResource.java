package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.domain.Text;
import org.imdbetl.state.RankPosition;
import org.imdbetl.state.ScoredMovie;
import org.imdbetl.state.ScoringStore;
import org.imdbetl.state.SearchQuery;
import org.imdbetl.state.TitleIndex;
import org.imdbetl.state.TopPage;
import org.imdbetl.state.TopQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/movies")
@Produces(MediaType.APPLICATION_JSON)
public class MovieResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    static final int MAX_SEARCH_LIMIT = 100;
    static final int MAX_QUERY_LENGTH = 200;

    private final ScoringStore store;

    MovieResource(ScoringStore store) {
        this.store = store;
    }

    /** Rated movies by weighted score, then votes, then tconst. */
    @GET
    @Path("/top")
    @Operation(summary = "Top movies by Bayesian weighted rating",
            description = "Rated movies ordered by weightedScore desc, then numVotes desc, then tconst asc. The next page is"
                    + " announced in a Link header (rel=\"next\"); it is read from the same ranking as this one (header"
                    + " Ranking-Version) while the service keeps it, so a walk is one snapshot even during a refresh."
                    + " Ranking-Pin says 'kept' then, or 'expired' when the page was read after the cursor's position in"
                    + " the current ranking instead.")
    @APIResponse(responseCode = "200", description = "The movies, best first", headers = {
            @Header(name = "Link", description = "<...&after=cursor>; rel=\"next\" when there is more"),
            @Header(name = Cursors.VERSION_HEADER, description = "Version of the ranking this page was read from"),
            @Header(name = Cursors.PIN_HEADER, description = "With a cursor: 'kept' (its ranking) or 'expired'")},
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MovieView.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "top", value = Examples.TOP_MOVIES)))
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "bad limit", value = Examples.BAD_LIMIT)))
    public RestResponse<List<MovieView>> top(
            @Parameter(description = "How many, 1-1000", example = "10") @QueryParam("limit") String limit,
            @Parameter(description = "Only this genre (see /genres), case-insensitive", example = "Drama") @QueryParam("genre") String genre,
            @Parameter(description = "Only movies with at least this many votes", example = "100000") @QueryParam("minVotes") String minVotes,
            @Parameter(description = "Released in or after this year", example = "1990") @QueryParam("fromYear") String fromYear,
            @Parameter(description = "Released in or before this year", example = "1999") @QueryParam("toYear") String toYear,
            @Parameter(description = "The cursor of the next page, from the Link header") @QueryParam("after") String after,
            @Context UriInfo uriInfo) {
        int pageSize = QueryParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        Cursors.RankCursor cursor = Cursors.decodeRank(after);
        TopQuery query = new TopQuery(
                pageSize + 1,
                genre(genre),
                QueryParams.longInRange("minVotes", minVotes == null || minVotes.isBlank() ? "0" : minVotes, 0, Long.MAX_VALUE),
                QueryParams.optionalInt("fromYear", fromYear, Movie.MIN_YEAR, Movie.MAX_YEAR),
                QueryParams.optionalInt("toYear", toYear, Movie.MIN_YEAR, Movie.MAX_YEAR),
                cursor == null ? null : cursor.position());
        checkYears(query.fromYear(), query.toYear());
        TopPage found;
        try {
            found = store.top(query, cursor == null ? null : cursor.pin());
        } catch (IllegalArgumentException e) {
            throw Cursors.invalid(after);
        }
        List<ScoredMovie> movies = found.movies();
        List<ScoredMovie> page = movies.subList(0, Math.min(pageSize, movies.size()));
        String next = movies.size() > pageSize
                ? Cursors.encode(found.ranking(), RankPosition.of(page.get(page.size() - 1)))
                : null;
        RestResponse.ResponseBuilder<List<MovieView>> response = withNextLink(uriInfo,
                page.stream().map(MovieView::from).toList(), next)
                .header(Cursors.VERSION_HEADER, found.ranking().version());
        if (cursor != null) {
            // A position-only cursor (r1) has no ranking to continue in: expired too.
            boolean kept = cursor.pin() != null && !found.pinExpired();
            response.header(Cursors.PIN_HEADER, kept ? Cursors.KEPT : Cursors.EXPIRED);
        }
        return response.build();
    }

    /** Title search, best match first: exact and whole titles, then by votes. */
    @GET
    @Path("/search")
    @Operation(summary = "Search movies by title",
            description = "Matches title and originalTitle, case- and accent-insensitive; every word of q is a word prefix;"
                    + " one typo is forgiven in words of 5+ letters. Exact and whole-title matches first, then by numVotes."
                    + " The next page is announced in a Link header (rel=\"next\").")
    @APIResponse(responseCode = "200", description = "The movies, best match first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MovieView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public RestResponse<List<MovieView>> search(
            @Parameter(description = "Words to find in the title", example = "godfather") @QueryParam("q") String q,
            @Parameter(description = "How many, 1-100", example = "10") @QueryParam("limit") String limit,
            @Parameter(description = "Only this genre (see /genres), case-insensitive", example = "Drama") @QueryParam("genre") String genre,
            @Parameter(description = "Released in or after this year", example = "1990") @QueryParam("fromYear") String fromYear,
            @Parameter(description = "Released in or before this year", example = "1999") @QueryParam("toYear") String toYear,
            @Parameter(description = "The cursor of the next page, from the Link header") @QueryParam("after") String after,
            @Context UriInfo uriInfo) {
        if (q == null || q.isBlank()) {
            throw new BadRequestException("q is required: the words to search for");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new BadRequestException("q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        Integer from = QueryParams.optionalInt("fromYear", fromYear, Movie.MIN_YEAR, Movie.MAX_YEAR);
        Integer to = QueryParams.optionalInt("toYear", toYear, Movie.MIN_YEAR, Movie.MAX_YEAR);
        checkYears(from, to);
        SearchQuery query = new SearchQuery(q, QueryParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_SEARCH_LIMIT),
                genre(genre), from, to, after == null || after.isBlank() ? null : after);
        TitleIndex.Page page;
        try {
            page = store.search(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<MovieView> movies = page.hits().stream()
                .map(hit -> store.find(hit.tconst()))
                .flatMap(Optional::stream)
                .map(MovieView::from)
                .toList();
        return withNextLink(uriInfo, movies, page.nextCursor()).build();
    }

    @GET
    @Path("/{tconst}")
    @Operation(summary = "One movie by its IMDb id")
    @APIResponse(responseCode = "200", description = "The movie", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MovieDetailView.class), examples = @ExampleObject(name = "movie", value = Examples.MOVIE_DETAIL)))
    @APIResponse(responseCode = "404", description = "No such movie in the store", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "unknown", value = Examples.NOT_FOUND)))
    @APIResponse(responseCode = "400", description = "Not an IMDb title id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public MovieDetailView movie(@Parameter(description = "IMDb title id", example = "tt0111161") @PathParam("tconst") String tconst,
            @Parameter(description = "false leaves out rank, genreRanks and explain", example = "true")
            @QueryParam("explain") String explain) {
        boolean withExplain = explain == null || explain.isBlank() || QueryParams.flag("explain", explain);
        if (!Tconst.isValid(tconst)) {
            throw new BadRequestException("tconst must be 'tt' followed by 7 to 10 digits, was '"
                    + Text.abbreviate(tconst, 40) + "'");
        }
        return store.find(tconst).map(scored -> MovieDetailView.from(scored, store, withExplain))
                .orElseThrow(() -> new NotFoundException("no movie " + tconst + " in the store"));
    }

    private static RestResponse.ResponseBuilder<List<MovieView>> withNextLink(UriInfo uriInfo, List<MovieView> movies,
            String nextCursor) {
        RestResponse.ResponseBuilder<List<MovieView>> response = RestResponse.ResponseBuilder.ok(movies);
        if (nextCursor != null) {
            // RFC 8288; the same request with the cursor of the last movie of this page.
            response.header(HttpHeaders.LINK, "<" + uriInfo.getRequestUriBuilder().replaceQueryParam("after", nextCursor).build()
                    + ">; rel=\"next\"");
        }
        return response;
    }

    private static void checkYears(Integer from, Integer to) {
        if (from != null && to != null && from > to) {
            throw new BadRequestException("fromYear " + from + " is after toYear " + to);
        }
    }

    private String genre(String genre) {
        return QueryParams.genre(genre, store);
    }
}
