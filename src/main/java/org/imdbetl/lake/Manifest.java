package org.imdbetl.lake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imdbetl.files.AtomicFiles;

/**
 * The record of what the silver parts hold, written last and atomically by every snapshot that adds
 * a part. A part file the manifest does not list was written by a snapshot that never finished.
 *
 * @param offsets per partition, the next offset after the last record in the parts
 */
public record Manifest(int version, String topic, String topicId, long sequence, Map<Integer, Long> offsets,
        List<Part> parts, String writtenAt) {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One silver part: its file, rows, and the offsets it covers (first and one past the last). */
    public record Part(String file, long rows, Map<Integer, Long> fromOffsets, Map<Integer, Long> toOffsets) {
    }

    public static Manifest empty(String topic, String topicId) {
        return new Manifest(VERSION, topic, topicId, 0, Map.of(), List.of(), null);
    }

    public Manifest withPart(Part part, Map<Integer, Long> newOffsets, String now) {
        List<Part> allParts = new ArrayList<>(parts);
        allParts.add(part);
        Map<Integer, Long> merged = new TreeMap<>(offsets);
        newOffsets.forEach((partition, offset) -> merged.merge(partition, offset, Math::max));
        return new Manifest(VERSION, topic, topicId, sequence + 1, merged, allParts, now);
    }

    public static Optional<Manifest> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new IOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (manifest.version() != VERSION) {
            // Another layout of the silver parts: resuming it could skip or repeat rows.
            throw new IOException(file + " has manifest version " + manifest.version() + "; this service reads version "
                    + VERSION + ". Move the silver_movies folder aside to start a new silver log");
        }
        return Optional.of(manifest);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, temp -> JSON.writeValue(temp.toFile(), this));
    }
}
