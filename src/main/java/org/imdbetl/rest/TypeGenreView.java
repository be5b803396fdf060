package org.imdbetl.rest;

/** One genre of one title type and how many titles of that type in the catalogue have it. */
public record TypeGenreView(String titleType, String genre, long titleCount) {
}
