package org.imdbetl.topic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.imdbetl.domain.InvalidRecordException.Reason;
import org.imdbetl.domain.InvalidRecordException;
import org.imdbetl.domain.Tconst;
import org.imdbetl.history.HistoryEntry;
import org.imdbetl.history.HistoryPoint;

/**
 * A history point on the history topic: key {@code tconst@asOf} (so compaction keeps one record per
 * movie and refresh, and a re-sent point replaces itself), value JSON
 * {@code {"tconst","asOf","event","averageRating","numVotes","weightedScore"}}.
 */
public final class HistoryJson {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final ObjectReader reader = mapper.reader();

    /** Every point of one refresh has the same asOf: its text is formatted once, not per point. */
    private volatile AsOfText lastWritten = new AsOfText(Instant.EPOCH, Instant.EPOCH.toString());
    /** And parsed once: {@code Instant.parse} was a third of the history listener's CPU in a full ingest. */
    private volatile AsOfText lastRead = lastWritten;

    private record AsOfText(Instant instant, String text) {
    }

    public String key(HistoryEntry entry) {
        return entry.tconst() + "@" + text(entry.point().asOf());
    }

    /** Written field by field, without a tree per point. */
    public byte[] encode(HistoryEntry entry) {
        HistoryPoint point = entry.point();
        ByteArrayBuilder bytes = new ByteArrayBuilder(160);
        try (JsonGenerator out = mapper.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("tconst", entry.tconst());
            out.writeStringField("asOf", text(point.asOf()));
            out.writeStringField("event", point.event().name());
            writeNumber(out, "averageRating", point.averageRating());
            out.writeFieldName("numVotes");
            if (point.numVotes() == null) {
                out.writeNull();
            } else {
                out.writeNumber(point.numVotes());
            }
            writeNumber(out, "weightedScore", point.weightedScore());
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the history point of " + entry.tconst(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeNumber(JsonGenerator out, String field, Double value) throws IOException {
        out.writeFieldName(field);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }

    private String text(Instant asOf) {
        AsOfText last = lastWritten;
        if (!last.instant().equals(asOf)) {
            last = new AsOfText(asOf, asOf.toString());
            lastWritten = last;
        }
        return last.text();
    }

    private Instant instant(String text) {
        AsOfText last = lastRead;
        if (!last.text().equals(text)) {
            last = new AsOfText(Instant.parse(text), text);
            lastRead = last;
        }
        return last.instant();
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
            Instant asOf = instant(node.path("asOf").asText(""));
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
