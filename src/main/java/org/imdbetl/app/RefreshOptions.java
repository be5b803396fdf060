package org.imdbetl.app;

/**
 * How one refresh runs.
 *
 * @param force read the dumps even when the checks say they did not change
 * @param allowDeletes send the deletions even when there are more than imdb.refresh.max-delete-fraction
 */
public record RefreshOptions(boolean force, boolean allowDeletes) {

    /** The scheduled refresh: only when the source changed, deletions within the safety valve. */
    public static final RefreshOptions SCHEDULED = new RefreshOptions(false, false);
}
