package org.imdbetl.rest;

/** The body of every error answer. */
public record ErrorView(int status, String error, String message) {
}
