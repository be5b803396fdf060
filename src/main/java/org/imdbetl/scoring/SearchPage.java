package org.imdbetl.scoring;

import java.util.List;

/** One page of a title search: the movies found, best match first, and the cursor of the next page (null on the last). */
public record SearchPage(List<ScoredMovie> movies, String nextCursor) {
}
