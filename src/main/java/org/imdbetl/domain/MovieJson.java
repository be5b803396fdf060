package org.imdbetl.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/** The JSON form of a {@link Movie} on the topic: camelCase fields, UTF-8. */
public final class MovieJson {

    private final ObjectWriter writer;
    private final ObjectReader reader;

    public MovieJson() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.writer = mapper.writerFor(Movie.class);
        this.reader = mapper.readerFor(Movie.class);
    }

    public byte[] encode(Movie movie) {
        try {
            return writer.writeValueAsBytes(movie);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode movie " + movie.tconst(), e);
        }
    }

    /** @throws IOException when the bytes are not a movie */
    public Movie decode(byte[] json) throws IOException {
        Movie movie = reader.readValue(json);
        if (movie == null || !Tconst.isValid(movie.tconst())) {
            throw new IOException("record has no valid tconst");
        }
        return movie;
    }
}
