package org.imdbetl.topic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.imdbetl.domain.Excerpt;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Movie;
import org.imdbetl.domain.SharedValues;
import org.imdbetl.domain.Tconst;

/**
 * The JSON form of a {@link Movie} on the topic. Writes camelCase fields; reads them leniently, so
 * records of the project this replaces are accepted too: {@code primaryTitle}/{@code startYear}
 * instead of {@code title}/{@code year}, numbers as strings, {@code \N} or NaN for null, genres as a
 * comma-separated string. Anything else is refused with a reason.
 */
public final class MovieJson {

    private static final String IMDB_NULL = "\\N";

    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final int maxBytes;

    public MovieJson(int maxBytes) {
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        this.writer = mapper.writerFor(Movie.class);
        this.reader = mapper.reader();
        this.maxBytes = maxBytes;
    }

    public byte[] encode(Movie movie) {
        try {
            return writer.writeValueAsBytes(movie);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode movie " + movie.tconst(), e);
        }
    }

    public Movie decode(byte[] json) throws InvalidRecordException {
        if (json == null || json.length == 0) {
            throw new InvalidRecordException(Reason.EMPTY, "record has no value");
        }
        if (json.length > maxBytes) {
            throw new InvalidRecordException(Reason.OVERSIZED, "record of " + json.length + " bytes, over " + maxBytes);
        }
        JsonNode node;
        try {
            node = reader.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(Reason.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRecordException(Reason.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(Reason.NOT_JSON, "not a JSON object");
        }
        JsonNode id = node.get("tconst");
        if (id == null || !id.isTextual() || !Tconst.isValid(id.asText())) {
            throw new InvalidRecordException(Reason.NO_TCONST, "no valid tconst: " + (id == null ? "missing" : id.toString()));
        }
        Double rating = decimal(node, "averageRating");
        if (rating != null && (rating < 1 || rating > 10)) {
            throw new InvalidRecordException(Reason.WRONG_TYPE, "averageRating " + rating + " outside 1-10");
        }
        return new Movie(id.asText(),
                text(node, first(node, "title", "primaryTitle")),
                text(node, "originalTitle"),
                integer(node, first(node, "year", "startYear")),
                integer(node, "runtimeMinutes"),
                genres(node.get("genres")),
                rating,
                whole(node, "numVotes"));
    }

    private static String first(JsonNode node, String name, String alias) {
        return node.hasNonNull(name) || !node.has(alias) ? name : alias;
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && (value.asText().isEmpty() || IMDB_NULL.equals(value.asText())))
                || (value.isNumber() && Double.isNaN(value.asDouble()));
    }

    private static String text(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, value);
        }
        return value.asText();
    }

    private static Integer integer(JsonNode node, String field) throws InvalidRecordException {
        Long value = whole(node, field);
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw wrongType(field, node.get(field));
        }
        return value == null ? null : value.intValue();
    }

    private static Long whole(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            return value.asLong();
        }
        if (value.isFloatingPointNumber() && value.asDouble() >= 0 && value.asDouble() == Math.rint(value.asDouble())) {
            return (long) value.asDouble();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        throw wrongType(field, value);
    }

    private static Double decimal(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                throw wrongType(field, value);
            }
        }
        throw wrongType(field, value);
    }

    private static List<String> genres(JsonNode value) throws InvalidRecordException {
        if (absent(value)) {
            return List.of();
        }
        List<String> genres = new ArrayList<>();
        if (value.isTextual()) {
            for (String genre : value.asText().split(",")) {
                if (!genre.isBlank()) {
                    genres.add(SharedValues.genre(genre.trim()));
                }
            }
            return genres;
        }
        if (!value.isArray()) {
            throw wrongType("genres", value);
        }
        for (JsonNode genre : value) {
            if (!genre.isTextual()) {
                throw wrongType("genres", value);
            }
            genres.add(SharedValues.genre(genre.asText()));
        }
        return genres;
    }

    private static InvalidRecordException wrongType(String field, JsonNode value) {
        String shown = value.toString();
        return new InvalidRecordException(Reason.WRONG_TYPE,
                field + " has the wrong type: " + Excerpt.of(shown, 60));
    }
}
