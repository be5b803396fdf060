package org.imdbetl.rest;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imdbetl.domain.Tconst;
import org.imdbetl.domain.Text;
import org.imdbetl.state.RankPosition;

/**
 * The opaque {@code after} cursor of {@code /movies/top}: a position in the ranking (score, votes,
 * tconst), base64url-encoded, so it stays valid across refreshes. A cursor that does not decode is a 400.
 */
final class Cursors {

    private static final String RANK_PREFIX = "r1|";
    private static final int MAX_LENGTH = 200;

    private Cursors() {
    }

    static String encode(RankPosition position) {
        String raw = RANK_PREFIX + position.weightedScore() + "|" + position.numVotes() + "|" + position.tconst();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static RankPosition decodeRank(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (!raw.startsWith(RANK_PREFIX)) {
                throw new IllegalArgumentException("not a ranking cursor");
            }
            String[] parts = raw.substring(RANK_PREFIX.length()).split("\\|", -1);
            double score = Double.parseDouble(parts[0]);
            long votes = Long.parseLong(parts[1]);
            if (parts.length != 3 || !Tconst.isValid(parts[2]) || !Double.isFinite(score) || votes < 0) {
                throw new IllegalArgumentException("malformed");
            }
            return new RankPosition(score, votes, parts[2]);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new BadRequestException("after must be a cursor from a Link header of this endpoint, was '"
                    + Text.abbreviate(cursor, 40) + "'");
        }
    }
}
