package org.imdbetl.scoring;

/**
 * Names one ranking of one store: what a paging cursor carries besides its position, so that the next
 * page is read from the same ranking. {@code storeId} is random per store (per process), so a cursor
 * from another instance or from before a restart is told apart from this store's versions.
 */
public record RankingPin(long storeId, long version) {
}
