package org.imdbetl.topic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.Tconst;
import org.imdbetl.state.HistoryEntry;
import org.imdbetl.state.HistoryPoint;

/**
 * A history point on the history topic: key {@code tconst@asOf} (so compaction keeps one record per
 * movie and refresh, and a re-sent point replaces itself), value JSON
 * {@code {"tconst","asOf","event","averageRating","numVotes","weightedScore"}}.
 */
public final class HistoryJson {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final ObjectReader reader = mapper.reader();

    public static String key(HistoryEntry entry) {
        return entry.tconst() + "@" + entry.point().asOf();
    }

    public byte[] encode(HistoryEntry entry) {
        HistoryPoint point = entry.point();
        ObjectNode node = mapper.createObjectNode()
                .put("tconst", entry.tconst())
                .put("asOf", point.asOf().toString())
                .put("event", point.event().name());
        node.put("averageRating", point.averageRating());
        node.put("numVotes", point.numVotes());
        node.put("weightedScore", point.weightedScore());
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the history point of " + entry.tconst(), e);
        }
    }

    public HistoryEntry decode(byte[] json) throws InvalidRecordException {
        if (json == null || json.length == 0) {
            throw new InvalidRecordException(Reason.EMPTY, "history record has no value");
        }
        JsonNode node;
        try {
            node = reader.readTree(json);
        } catch (IOException e) {
            throw new InvalidRecordException(Reason.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(Reason.NOT_JSON, "not a JSON object");
        }
        String tconst = node.path("tconst").asText(null);
        if (!Tconst.isValid(tconst)) {
            throw new InvalidRecordException(Reason.NO_TCONST, "no valid tconst: " + tconst);
        }
        try {
            Instant asOf = Instant.parse(node.path("asOf").asText(""));
            HistoryPoint.Event event = HistoryPoint.Event.valueOf(node.path("event").asText(""));
            return new HistoryEntry(tconst, new HistoryPoint(asOf, event, number(node, "averageRating"),
                    node.path("numVotes").isIntegralNumber() ? node.path("numVotes").longValue() : null,
                    number(node, "weightedScore")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidRecordException(Reason.WRONG_TYPE, "not a history point: " + e.getMessage());
        }
    }

    private static Double number(JsonNode node, String field) throws InvalidRecordException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidRecordException(Reason.WRONG_TYPE, field + " is not a number: " + value);
        }
        return value.doubleValue();
    }
}
