package org.imdbetl.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.scoring.RankPosition;
import org.imdbetl.scoring.ScoredMovie;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.SearchPage;
import org.imdbetl.scoring.TopPage;
import org.imdbetl.scoring.TopQuery;
import org.imdbetl.search.SearchQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/movies")
@Produces(MediaType.APPLICATION_JSON)
public class MovieResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    static final int MAX_SEARCH_LIMIT = 100;
    static final int MAX_QUERY_LENGTH = 200;

    /** Rendered first pages kept, in bytes: a limit=1000 page is ~250 KB, a limit=10 one ~2.5 KB. */
    static final long RENDERED_PAGES_BYTES = 8L << 20;

    private final ScoringStore store;
    private final ObjectMapper json;
    /** What next links start with: empty for links relative to the request. */
    private final String publicBaseUrl;
    /**
     * First pages of /movies/top (no cursor) as rendered JSON, per query, with the ranking they were read
     * from. A ranking never changes, so until the next one is installed the same query renders the same
     * bytes: a repeated query skips the walk and Jackson. An entry of an older ranking is never served;
     * it is rendered again.
     */
    private final Cache<TopQuery, RenderedPage> firstPages = Caffeine.newBuilder()
            .maximumWeight(RENDERED_PAGES_BYTES)
            .weigher((TopQuery query, RenderedPage page) -> page.json().length)
            .build();

    private record RenderedPage(long rankingVersion, boolean handsOutCursor, byte[] json, String nextCursor) {
    }

    MovieResource(ScoringStore store, ObjectMapper json, ImdbConfig config) {
        this.store = store;
        this.json = json;
        this.publicBaseUrl = config.http().publicBaseUrl().map(String::strip).orElse("");
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
    public RestResponse<byte[]> top(
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
        if (cursor == null) {
            RenderedPage rendered = firstPages.getIfPresent(query);
            if (rendered == null || !store.isCurrentRanking(rendered.rankingVersion(), rendered.handsOutCursor())) {
                rendered = render(query, pageSize, store.top(query, null));
                firstPages.put(query, rendered);
            }
            return withNextLink(uriInfo, rendered.json(), rendered.nextCursor())
                    .header(Cursors.VERSION_HEADER, rendered.rankingVersion()).build();
        }
        TopPage found;
        try {
            found = store.top(query, cursor.pin());
        } catch (IllegalArgumentException e) {
            throw Cursors.invalid(after);
        }
        RenderedPage rendered = render(query, pageSize, found);
        // A position-only cursor (r1) has no ranking to continue in: expired too.
        boolean kept = cursor.pin() != null && !found.pinExpired();
        return withNextLink(uriInfo, rendered.json(), rendered.nextCursor())
                .header(Cursors.VERSION_HEADER, rendered.rankingVersion())
                .header(Cursors.PIN_HEADER, kept ? Cursors.KEPT : Cursors.EXPIRED)
                .build();
    }

    /** One more movie than the page was asked for: whether there is a next page. */
    private RenderedPage render(TopQuery query, int pageSize, TopPage found) {
        List<ScoredMovie> movies = found.movies();
        List<ScoredMovie> page = movies.subList(0, Math.min(pageSize, movies.size()));
        String next = movies.size() > pageSize
                ? Cursors.encode(found.ranking(), RankPosition.of(page.get(page.size() - 1)))
                : null;
        try {
            return new RenderedPage(found.ranking().version(), movies.size() == query.limit(),
                    json.writeValueAsBytes(page.stream().map(MovieView::from).toList()), next);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a page of movies as JSON", e);
        }
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
        SearchPage page;
        try {
            page = store.search(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        List<MovieView> movies = page.movies().stream().map(MovieView::from).toList();
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
                    + Excerpt.of(tconst, 40) + "'");
        }
        return store.find(tconst).map(scored -> MovieDetailView.from(scored, store, withExplain))
                .orElseThrow(() -> new NotFoundException("no movie " + tconst + " in the store"));
    }

    private <T> RestResponse.ResponseBuilder<T> withNextLink(UriInfo uriInfo, T movies, String nextCursor) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.ok(movies);
        if (nextCursor != null) {
            // The same request with the cursor of the last movie of this page.
            response.header(HttpHeaders.LINK, Cursors.nextLink(publicBaseUrl, uriInfo.getRequestUri(), nextCursor));
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
