package org.imdbetl.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.junit.jupiter.api.Test;

class CursorsTest {

    @Test
    void theNextLinkIsTheRequestWithTheCursorInPlaceOfAnyEarlierOne() {
        String cursor = "cjJ8YWJjfDN8OC4yfDEyMHx0dDAxMTExNjE";
        URI request = URI.create("http://localhost:8080/movies/top?limit=10&genre=Sci%2DFi&after=old&minVotes=5");

        assertThat(Cursors.nextLink("", request, cursor)).isEqualTo(
                "</movies/top?limit=10&genre=Sci%2DFi&minVotes=5&after=" + cursor + ">; rel=\"next\"");
        // As JAX-RS's UriBuilder, which built it before, would: the same parameters, after last.
        URI expected = UriBuilder.fromUri(request).replaceQueryParam("after", cursor).build();
        assertThat(URI.create(between(Cursors.nextLink("", request, cursor))).getQuery()).isEqualTo(expected.getQuery());
    }

    @Test
    void anEncodedAfterAndAnEmptyQueryAreHandled() {
        assertThat(Cursors.nextLink("", URI.create("http://h:1/movies/search?q=the+dark+knight&%61fter=x&&limit=5"), "a-b_c"))
                .isEqualTo("</movies/search?q=the+dark+knight&limit=5&after=a-b_c>; rel=\"next\"");
        assertThat(Cursors.nextLink("", URI.create("http://h:1/movies/top"), "c=d"))
                .isEqualTo("</movies/top?after=c%3Dd>; rel=\"next\"");
    }

    @Test
    void theRequestsHostNeverMakesTheLink() {
        URI spoofed = URI.create("http://evil.example/movies/top?limit=3");

        assertThat(Cursors.nextLink("", spoofed, "c")).isEqualTo("</movies/top?limit=3&after=c>; rel=\"next\"");
        assertThat(Cursors.nextLink("https://imdb.example.org/", spoofed, "c"))
                .isEqualTo("<https://imdb.example.org/movies/top?limit=3&after=c>; rel=\"next\"");
    }

    private static String between(String link) {
        return link.substring(1, link.indexOf('>'));
    }
}
