package org.imdbetl.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the RFC 8288 {@code Link: <...>; rel="next"} header of a paged answer, for the tests that walk pages. */
public final class LinkHeaders {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private LinkHeaders() {
    }

    /** The path and query of the rel="next" link, or null on the last page (no Link header). */
    public static String nextLink(Response response) {
        String link = response.getHeader("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as("a next link in %s", link).isTrue();
        URI uri = URI.create(matcher.group(1));
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
