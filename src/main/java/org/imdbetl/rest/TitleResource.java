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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.catalogue.Catalogue;
import org.imdbetl.catalogue.CatalogueStore;
import org.imdbetl.catalogue.EpisodeOrder;
import org.imdbetl.catalogue.EpisodeRow;
import org.imdbetl.catalogue.RatedTitles;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.Tconst;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.scoring.RankPosition;
import org.jboss.resteasy.reactive.RestResponse;

/** The whole catalogue: every title type, series and their episodes (docs/catalogue.md). */
@Path("/titles")
@Produces(MediaType.APPLICATION_JSON)
public class TitleResource {

    static final int MAX_TYPES = 16;
    static final int MAX_TYPE_LENGTH = 32;
    static final String DEFAULT_TYPE = "movie";

    private final Catalogue catalogue;
    private final RatedTitles.Prior prior;
    private final String publicBaseUrl;

    TitleResource(Catalogue catalogue, RatedTitles.Prior prior, ImdbConfig config) {
        this.catalogue = catalogue;
        this.prior = prior;
        this.publicBaseUrl = config.http().publicBaseUrl().map(String::strip).orElse("");
    }

    @GET
    @Path("/top")
    @Operation(summary = "Top titles of one or more types by Bayesian weighted rating",
            description = "Like /movies/top for any title types (comma-separated, default movie): rated titles by weightedScore"
                    + " desc, then numVotes desc, then tconst asc; each type's C is the configured global mean (or, with"
                    + " GLOBAL_MEAN_RATING=auto, that type's own mean). The next page is announced in a Link header.")
    @APIResponse(responseCode = "200", description = "The titles, best first", headers = @Header(name = "Link",
            description = "<...&after=cursor>; rel=\"next\" when there is more"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TitleView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "A malformed parameter or an unknown type", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public RestResponse<List<TitleView>> top(
            @Parameter(description = "Title types, comma-separated", example = "tvSeries,tvMiniSeries") @QueryParam("type") String type,
            @Parameter(description = "How many, 1-1000", example = "10") @QueryParam("limit") String limit,
            @Parameter(description = "Only this genre, case-insensitive", example = "Drama") @QueryParam("genre") String genre,
            @Parameter(description = "Only titles with at least this many votes", example = "100000") @QueryParam("minVotes") String minVotes,
            @Parameter(description = "Started in or after this year", example = "1990") @QueryParam("fromYear") String fromYear,
            @Parameter(description = "Started in or before this year", example = "1999") @QueryParam("toYear") String toYear,
            @Parameter(description = "The cursor of the next page, from the Link header") @QueryParam("after") String after,
            @Context UriInfo uriInfo) {
        Set<String> types = types(type);
        int pageSize = QueryParams.intInRange("limit", limit, MovieResource.DEFAULT_LIMIT, 1, MovieResource.MAX_LIMIT);
        Integer from = QueryParams.optionalInt("fromYear", fromYear, Movie.MIN_YEAR, Movie.MAX_YEAR);
        Integer to = QueryParams.optionalInt("toYear", toYear, Movie.MIN_YEAR, Movie.MAX_YEAR);
        if (from != null && to != null && from > to) {
            throw new BadRequestException("fromYear " + from + " is after toYear " + to);
        }
        long votes = QueryParams.longInRange("minVotes", minVotes == null || minVotes.isBlank() ? "0" : minVotes, 0, Long.MAX_VALUE);
        Cursors.RankCursor cursor = Cursors.decodeRank(after);
        RatedTitles.Ranked position = cursor == null ? null : new RatedTitles.Ranked(cursor.position().tconst(), null,
                cursor.position().weightedScore(), 0, cursor.position().numVotes());
        List<RatedTitles.Ranked> ranked = catalogue.top(types, genre(genre), votes, from, to, prior, position, pageSize + 1);
        List<TitleView> page = new ArrayList<>(Math.min(pageSize, ranked.size()));
        List<RatedTitles.Ranked> shown = ranked.subList(0, Math.min(pageSize, ranked.size()));
        Map<String, TitleRecord> found = byTconst(catalogue.findAll(shown.stream().map(RatedTitles.Ranked::tconst).toList()));
        for (RatedTitles.Ranked title : shown) {
            // A title removed between the ranking and this read is left out of the page.
            TitleRecord record = found.get(title.tconst());
            if (record != null) {
                page.add(TitleView.from(record, title.weightedScore()));
            }
        }
        String next = null;
        if (ranked.size() > pageSize) {
            RatedTitles.Ranked last = ranked.get(pageSize - 1);
            next = Cursors.encodePosition(new RankPosition(last.weightedScore(), last.numVotes(), last.tconst()));
        }
        return withNextLink(uriInfo, page, next).build();
    }

    @GET
    @Path("/{tconst}")
    @Operation(summary = "One title of any type by its IMDb id",
            description = "With its rank and genre ranks among the rated titles of its type and the terms of its score; an"
                    + " episode names its series, season and episode; a series has episodeCount and its numbered seasons.")
    @APIResponse(responseCode = "200", description = "The title", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TitleDetailView.class)))
    @APIResponse(responseCode = "404", description = "No such title in the catalogue", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "400", description = "Not an IMDb title id", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public TitleDetailView title(@Parameter(description = "IMDb title id", example = "tt0903747") @PathParam("tconst") String tconst,
            @Parameter(description = "false leaves out rank, genreRanks and explain", example = "true") @QueryParam("explain") String explain) {
        boolean withExplain = explain == null || explain.isBlank() || QueryParams.flag("explain", explain);
        TitleRecord title = find(checked(tconst));
        Double score = catalogue.weightedScore(title.averageRating(), title.numVotes(), title.titleType(), prior);
        RatedTitles.Ranks ranks = withExplain && title.rated() ? catalogue.ranks(title.tconst(), title.titleType(), prior).orElse(null) : null;
        double[] terms = null;
        if (withExplain && title.rated()) {
            double c = prior.mean() != null ? prior.mean() : catalogue.meanRating(title.titleType());
            terms = new double[] {prior.minVotes(), c};
        }
        TitleDetailView.SeriesRef series = null;
        CatalogueStore.Seasons seasons = null;
        if (title.episode()) {
            series = new TitleDetailView.SeriesRef(title.parentTconst(),
                    catalogue.find(title.parentTconst()).map(TitleRecord::primaryTitle).orElse(null));
        } else {
            CatalogueStore.Seasons found = catalogue.seasons(title.tconst());
            if (found.episodeCount() > 0 || isSeries(title.titleType())) {
                seasons = found;
            }
        }
        return TitleDetailView.from(title, score, ranks, terms, series, seasons);
    }

    @GET
    @Path("/{tconst}/episodes")
    @Operation(summary = "A series' episodes with their ratings",
            description = "By default in season then episode order, unnumbered episodes last, then by tconst; sort=score|rating|votes"
                    + " lists them best first (unrated last). Paged with a Link header.")
    @APIResponse(responseCode = "200", description = "The episodes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EpisodeView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such title, or a title that is not a series", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "400", description = "A malformed parameter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    public RestResponse<List<EpisodeView>> episodes(
            @Parameter(description = "IMDb title id of the series", example = "tt0903747") @PathParam("tconst") String tconst,
            @Parameter(description = "Only this season", example = "1") @QueryParam("season") String season,
            @Parameter(description = "episode (default), score, rating or votes", example = "episode") @QueryParam("sort") String sort,
            @Parameter(description = "How many, 1-1000", example = "50") @QueryParam("limit") String limit,
            @Parameter(description = "The cursor of the next page, from the Link header") @QueryParam("after") String after,
            @Context UriInfo uriInfo) {
        String series = checked(tconst);
        Integer seasonNumber = QueryParams.optionalInt("season", season, 0, Integer.MAX_VALUE - 1);
        EpisodeOrder order = QueryParams.choice("sort", sort, EpisodeOrder.EPISODE);
        int pageSize = QueryParams.intInRange("limit", limit, 50, 1, MovieResource.MAX_LIMIT);
        EpisodeRow from = Cursors.decodeEpisode(after, series, order);
        TitleRecord title = find(series);
        if (title.episode() || !(isSeries(title.titleType()) || catalogue.seasons(series).episodeCount() > 0)) {
            throw new NotFoundException(series + " is a " + title.titleType() + ", not a series: it has no episodes");
        }
        List<EpisodeRow> rows = catalogue.episodes(series, seasonNumber, order, from, pageSize + 1, prior);
        List<EpisodeView> page = new ArrayList<>(Math.min(pageSize, rows.size()));
        List<EpisodeRow> shown = rows.subList(0, Math.min(pageSize, rows.size()));
        for (TitleRecord episode : catalogue.findAll(shown.stream().map(EpisodeRow::tconst).toList())) {
            page.add(EpisodeView.from(episode, catalogue.weightedScore(episode.averageRating(), episode.numVotes(),
                    episode.titleType(), prior)));
        }
        String next = rows.size() > pageSize ? Cursors.encodeEpisode(rows.get(pageSize - 1), order) : null;
        return withNextLink(uriInfo, page, next).build();
    }

    private static Map<String, TitleRecord> byTconst(List<TitleRecord> titles) {
        Map<String, TitleRecord> byTconst = new java.util.HashMap<>();
        titles.forEach(t -> byTconst.put(t.tconst(), t));
        return byTconst;
    }

    /** Series-like types: their episodes point at them. */
    private static boolean isSeries(String titleType) {
        return "tvSeries".equals(titleType) || "tvMiniSeries".equals(titleType);
    }

    private TitleRecord find(String tconst) {
        return catalogue.find(tconst).orElseThrow(() -> new NotFoundException("no title " + tconst + " in the catalogue"));
    }

    private static String checked(String tconst) {
        if (!Tconst.isValid(tconst)) {
            throw new BadRequestException("tconst must be 'tt' followed by 7 to 10 digits, was '" + Excerpt.of(tconst, 40) + "'");
        }
        return tconst;
    }

    /** Comma-separated types, each one the catalogue knows; absent is {@value #DEFAULT_TYPE}. */
    private Set<String> types(String type) {
        if (type == null || type.isBlank()) {
            return Set.of(DEFAULT_TYPE);
        }
        return types(type, catalogue);
    }

    /** Comma-separated types, each one the catalogue knows (case-insensitive); anything else is a 400 listing them. */
    static Set<String> types(String type, Catalogue catalogue) {
        List<String> known = catalogue.knownTypes();
        Set<String> types = new LinkedHashSet<>();
        String[] parts = type.split(",", MAX_TYPES + 1);
        if (parts.length > MAX_TYPES) {
            throw new BadRequestException("type takes at most " + MAX_TYPES + " types");
        }
        for (String part : parts) {
            String wanted = part.trim();
            String match = wanted.length() > MAX_TYPE_LENGTH ? null
                    : known.stream().filter(k -> k.equalsIgnoreCase(wanted)).findFirst().orElse(null);
            if (match == null) {
                throw new BadRequestException("unknown type '" + Excerpt.of(wanted, 40) + "'; the types are " + known);
            }
            types.add(match);
        }
        return types;
    }

    private String genre(String genre) {
        if (genre == null || genre.isBlank()) {
            return null;
        }
        if (genre.length() > QueryParams.MAX_GENRE_LENGTH) {
            throw new BadRequestException("genre must be at most " + QueryParams.MAX_GENRE_LENGTH + " characters");
        }
        return catalogue.canonicalGenre(genre.trim()).orElseThrow(() -> new BadRequestException(
                "no title in the catalogue has genre '" + Excerpt.of(genre, 40) + "'; GET /genres?type=... lists them"));
    }

    private <T> RestResponse.ResponseBuilder<T> withNextLink(UriInfo uriInfo, T body, String nextCursor) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.ok(body);
        if (nextCursor != null) {
            response.header(HttpHeaders.LINK, Cursors.nextLink(publicBaseUrl, uriInfo.getRequestUri(), nextCursor));
        }
        return response;
    }
}
