package org.imdbetl.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One genre of one title type and how many titles of that type in the catalogue have it. Registered for a
 * native image: {@code GET /genres} declares {@code List<?>} (movie or type counts), so Quarkus cannot see it.
 */
@RegisterForReflection
public record TypeGenreView(String titleType, String genre, long titleCount) {
}
