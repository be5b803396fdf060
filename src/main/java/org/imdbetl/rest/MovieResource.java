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
import org.imdbetl.domain.Tconst;
import org.imdbetl.scoring.ScoringStore;
import org.imdbetl.scoring.TopQuery;

@Path("/movies")
@Produces(MediaType.APPLICATION_JSON)
public class MovieResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1000;
    static final int MIN_YEAR = 1800;
    static final int MAX_YEAR = 2200;
    static final int MAX_GENRE_LENGTH = 64;

    private final ScoringStore store;

    MovieResource(ScoringStore store) {
        this.store = store;
    }

    /** Rated movies by weighted score, then votes, then tconst. */
    @GET
    @Path("/top")
    public List<MovieView> top(@QueryParam("limit") String limit, @QueryParam("genre") String genre,
            @QueryParam("minVotes") String minVotes, @QueryParam("fromYear") String fromYear,
            @QueryParam("toYear") String toYear) {
        TopQuery query = new TopQuery(
                QueryParams.intInRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                genre(genre),
                QueryParams.longInRange("minVotes", minVotes == null || minVotes.isBlank() ? "0" : minVotes, 0, Long.MAX_VALUE),
                QueryParams.optionalInt("fromYear", fromYear, MIN_YEAR, MAX_YEAR),
                QueryParams.optionalInt("toYear", toYear, MIN_YEAR, MAX_YEAR));
        if (query.fromYear() != null && query.toYear() != null && query.fromYear() > query.toYear()) {
            throw new BadRequestException("fromYear " + query.fromYear() + " is after toYear " + query.toYear());
        }
        return store.top(query).stream().map(MovieView::from).toList();
    }

    @GET
    @Path("/{tconst}")
    public MovieView movie(@PathParam("tconst") String tconst) {
        if (!Tconst.isValid(tconst)) {
            throw new BadRequestException("tconst must be 'tt' followed by 7 to 10 digits, was '"
                    + QueryParams.abbreviate(tconst) + "'");
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
                "no movie in the store has genre '" + QueryParams.abbreviate(genre) + "'; GET /genres lists them"));
    }
}
