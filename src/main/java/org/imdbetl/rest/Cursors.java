package org.imdbetl.rest;

import java.util.HexFormat;
import org.imdbetl.catalogue.EpisodeKey;
import org.imdbetl.catalogue.EpisodeOrder;
import org.imdbetl.catalogue.EpisodeRow;
import org.imdbetl.catalogue.TitleKey;

import jakarta.ws.rs.BadRequestException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.Tconst;
import org.imdbetl.scoring.RankPosition;
import org.imdbetl.scoring.RankingPin;

/**
 * The opaque {@code after} cursors. That of {@code /movies/top}: the ranking the page was read from (store id
 * and version) and the position of its last movie (score, votes, tconst), base64url-encoded. The next
 * page is read from that ranking while the store keeps it, else after the position in the current one,
 * so a cursor stays valid across refreshes and restarts. A cursor that does not decode is a 400.
 */
final class Cursors {

    /** On every page of {@code /movies/top}: the version of the ranking it was read from. */
    static final String VERSION_HEADER = "Ranking-Version";
    /** On a page asked with a cursor: {@link #KEPT} or {@link #EXPIRED}. */
    static final String PIN_HEADER = "Ranking-Pin";
    /** Read from the cursor's own ranking: the walk is one snapshot. */
    static final String KEPT = "kept";
    /** The cursor's ranking is no longer kept: read after its position in the current ranking. */
    static final String EXPIRED = "expired";

    private static final String PINNED_PREFIX = "r2|";
    /** Cursors handed out before rankings were pinned: a position only. */
    private static final String POSITION_PREFIX = "r1|";
    private static final int MAX_LENGTH = 200;
    /** The query parameter that carries a cursor. */
    private static final String AFTER = "after";

    /** What a ranking cursor names; {@code pin} is null for a cursor that names a position only. */
    record RankCursor(RankingPin pin, RankPosition position) {
    }

    private Cursors() {
    }

    static String encode(RankingPin pin, RankPosition position) {
        String raw = PINNED_PREFIX + Long.toHexString(pin.storeId()) + "|" + pin.version() + "|"
                + position.weightedScore() + "|" + position.numVotes() + "|" + position.tconst();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor that names a position only: what {@code /titles/top} hands out (its rankings are not pinned). */
    static String encodePosition(RankPosition position) {
        String raw = POSITION_PREFIX + position.weightedScore() + "|" + position.numVotes() + "|" + position.tconst();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static RankCursor decodeRank(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            RankingPin pin = null;
            String[] parts;
            if (raw.startsWith(PINNED_PREFIX)) {
                parts = raw.substring(PINNED_PREFIX.length()).split("\\|", -1);
                if (parts.length != 5) {
                    throw new IllegalArgumentException("malformed");
                }
                long version = Long.parseLong(parts[1]);
                if (version < 0) {
                    throw new IllegalArgumentException("negative version");
                }
                pin = new RankingPin(Long.parseUnsignedLong(parts[0], 16), version);
                parts = new String[] {parts[2], parts[3], parts[4]};
            } else if (raw.startsWith(POSITION_PREFIX)) {
                parts = raw.substring(POSITION_PREFIX.length()).split("\\|", -1);
            } else {
                throw new IllegalArgumentException("not a ranking cursor");
            }
            if (parts.length != 3) {
                throw new IllegalArgumentException("malformed");
            }
            double score = Double.parseDouble(parts[0]);
            long votes = Long.parseLong(parts[1]);
            if (!Tconst.isValid(parts[2]) || !Double.isFinite(score) || votes < 0) {
                throw new IllegalArgumentException("malformed");
            }
            return new RankCursor(pin, new RankPosition(score, votes, parts[2]));
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
    }

    private static final String EPISODE_PREFIX = "e1|";
    private static final String EPISODE_RANK_PREFIX = "k1|";

    /**
     * The cursor of {@code /titles/{tconst}/episodes}: in episode order the last row's place in the store; in the
     * other orders its rating, votes and tconst (where the next page starts in that order).
     */
    static String encodeEpisode(EpisodeRow last, EpisodeOrder order) {
        String raw = order == EpisodeOrder.EPISODE ? EPISODE_PREFIX + HexFormat.of().formatHex(last.position())
                : EPISODE_RANK_PREFIX + (last.averageRating() == null ? "" : last.averageRating()) + "|"
                        + (last.numVotes() == null ? "" : last.numVotes()) + "|" + last.tconst();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @return null without a cursor; a cursor of another series or order, or one that does not decode, is a 400 */
    static EpisodeRow decodeEpisode(String cursor, String series, EpisodeOrder order) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (order == EpisodeOrder.EPISODE && raw.startsWith(EPISODE_PREFIX)) {
                byte[] position = HexFormat.of().parseHex(raw.substring(EPISODE_PREFIX.length()));
                if (position.length != EpisodeKey.BYTES || EpisodeKey.series(position) != TitleKey.of(series)) {
                    throw new IllegalArgumentException("not a position of this series");
                }
                return new EpisodeRow(TitleKey.tconst(EpisodeKey.title(position)), EpisodeKey.season(position),
                        EpisodeKey.episode(position), null, null, position);
            }
            if (order != EpisodeOrder.EPISODE && raw.startsWith(EPISODE_RANK_PREFIX)) {
                String[] parts = raw.substring(EPISODE_RANK_PREFIX.length()).split("\\|", -1);
                if (parts.length != 3 || !Tconst.isValid(parts[2])) {
                    throw new IllegalArgumentException("malformed");
                }
                Double rating = parts[0].isEmpty() ? null : Double.valueOf(parts[0]);
                Long votes = parts[1].isEmpty() ? null : Long.valueOf(parts[1]);
                if ((rating != null && !Double.isFinite(rating)) || (rating == null) != (votes == null)) {
                    throw new IllegalArgumentException("malformed");
                }
                return new EpisodeRow(parts[2], null, null, rating, votes, null);
            }
            throw new IllegalArgumentException("not a cursor of this order");
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("after must be a cursor from a Link header of this endpoint with the same sort, was '"
                    + Excerpt.of(cursor, 40) + "'");
        }
    }

    /**
     * The RFC 8288 {@code Link} header of the next page: the request's path and query with {@code after} set
     * to the cursor, its other parameters as the client sent them. Relative to the request, or absolute under
     * {@code publicBaseUrl} when one is configured, never from the request's Host header (which a client
     * controls). Written out here: JAX-RS's {@code UriBuilder.replaceQueryParam} re-encodes every parameter
     * with regular expressions, which was most of the resource method's time (docs/performance.md).
     *
     * @param publicBaseUrl e.g. {@code https://imdb.example.org}, or empty for a link relative to the request
     */
    static String nextLink(String publicBaseUrl, URI request, String cursor) {
        StringBuilder link = new StringBuilder(256).append('<');
        if (!publicBaseUrl.isEmpty()) {
            link.append(publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl);
        }
        link.append(request.getRawPath()).append('?');
        String query = request.getRawQuery();
        if (query != null) {
            for (String param : query.split("&")) {
                int equals = param.indexOf('=');
                if (!param.isEmpty() && !AFTER.equals(decoded(equals < 0 ? param : param.substring(0, equals)))) {
                    link.append(param).append('&');
                }
            }
        }
        return link.append(AFTER).append('=').append(URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .append(">; rel=\"next\"").toString();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    static BadRequestException invalid(String cursor) {
        return new BadRequestException("after must be a cursor from a Link header of this endpoint, was '"
                + Excerpt.of(cursor, 40) + "'");
    }
}
