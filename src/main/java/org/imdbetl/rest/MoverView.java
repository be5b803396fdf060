package org.imdbetl.rest;

import java.util.Locale;
import java.util.Optional;
import org.imdbetl.domain.Movie;
import org.imdbetl.history.Mover;
import org.imdbetl.history.MoversQuery.Measure;
import org.imdbetl.scoring.ScoredMovie;

/**
 * A movie whose value moved: {@code from} at its latest point at or before {@code since} (dated
 * {@code fromAsOf}), {@code to} at its latest point ({@code toAsOf}). Votes are whole numbers; a
 * rating delta is rounded to the rating's one decimal.
 */
public record MoverView(String tconst, String title, Integer year, String by, String fromAsOf, Number from,
        String toAsOf, Number to, Number delta) {

    static MoverView from(Mover mover, Measure by, Optional<ScoredMovie> current) {
        Movie movie = current.map(ScoredMovie::movie).orElse(null);
        Number from;
        Number to;
        Number delta;
        switch (by) {
            case VOTES -> {
                from = Math.round(mover.from());
                to = Math.round(mover.to());
                delta = Math.round(mover.to()) - Math.round(mover.from());
            }
            case RATING -> {
                from = mover.from();
                to = mover.to();
                delta = Math.round(mover.delta() * 10) / 10.0;
            }
            default -> {
                from = mover.from();
                to = mover.to();
                delta = mover.delta();
            }
        }
        return new MoverView(mover.tconst(), movie == null ? null : movie.title(), movie == null ? null : movie.year(),
                by.name().toLowerCase(Locale.ROOT), mover.fromAsOf().toString(), from, mover.toAsOf().toString(),
                to, delta);
    }
}
