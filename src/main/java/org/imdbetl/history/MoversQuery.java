package org.imdbetl.history;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which movers to list.
 *
 * @param since compare with each movie's latest point at or before this instant; null for the refresh
 *              before the latest one
 * @param filter keeps a movie by tconst (e.g. a genre looked up in the scoring store); null
 *               keeps every movie. Called for candidates in rank order until {@code limit} are kept.
 */
public record MoversQuery(Measure by, Instant since, Predicate<String> filter, int limit, Direction direction) {

    /** The value compared between the two points. */
    public enum Measure {
        VOTES, RATING, SCORE
    }

    /** UP lists the largest rises first, DOWN the largest falls first. */
    public enum Direction {
        UP, DOWN
    }

    public MoversQuery {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(direction, "direction");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The biggest risers of the measure since the refresh before the latest, over every movie. */
    public static MoversQuery of(Measure by, int limit) {
        return new MoversQuery(by, null, null, limit, Direction.UP);
    }

    public MoversQuery since(Instant value) {
        return new MoversQuery(by, value, filter, limit, direction);
    }

    public MoversQuery filter(Predicate<String> value) {
        return new MoversQuery(by, since, value, limit, direction);
    }

    public MoversQuery direction(Direction value) {
        return new MoversQuery(by, since, filter, limit, value);
    }
}
