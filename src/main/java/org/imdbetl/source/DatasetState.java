package org.imdbetl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.imdbetl.files.AtomicFiles;

/**
 * The versions of both dump files as last ingested, persisted in the source's state file so that a
 * restart still knows what it has. Immutable. On disk a properties file: {@code format=1} and
 * {@code <file name>.<field>=<value>} per known field of {@link FileVersion}.
 */
public final class DatasetState {

    private static final String FORMAT_KEY = "format";
    private static final String FORMAT = "1";
    private static final Set<String> FIELDS =
            Set.of("etag", "lastModified", "contentLength", "size", "modifiedMillis", "sha256");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final DatasetState EMPTY = new DatasetState(Map.of());

    private final Map<String, FileVersion> files;

    private DatasetState(Map<String, FileVersion> files) {
        this.files = files;
    }

    public static DatasetState empty() {
        return EMPTY;
    }

    /**
     * @return the empty state when the file does not exist
     * @throws IOException naming the file when it cannot be read or is not a state file
     */
    public static DatasetState load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
        if (!FORMAT.equals(properties.getProperty(FORMAT_KEY))) {
            throw corrupt(file, "it has no " + FORMAT_KEY + "=" + FORMAT + " line");
        }
        Map<String, Map<String, String>> fields = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(FORMAT_KEY)) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw corrupt(file, "unknown key '" + key + "'");
            }
            fields.computeIfAbsent(key.substring(0, dot), name -> new HashMap<>())
                    .put(key.substring(dot + 1), properties.getProperty(key));
        }
        Map<String, FileVersion> versions = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> entry : fields.entrySet()) {
            try {
                versions.put(entry.getKey(), parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw corrupt(file, entry.getKey() + ": " + e.getMessage());
            }
        }
        return new DatasetState(Collections.unmodifiableMap(versions));
    }

    public Optional<FileVersion> file(String fileName) {
        return Optional.ofNullable(files.get(fileName));
    }

    /** Every file with its version, by name. */
    public Map<String, FileVersion> files() {
        return files;
    }

    public DatasetState with(String fileName, FileVersion version) {
        Map<String, FileVersion> copy = new TreeMap<>(files);
        copy.put(fileName, version);
        return new DatasetState(Collections.unmodifiableMap(copy));
    }

    /** Replaces the file atomically: a crash leaves the old state or the new one. */
    public void save(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(FORMAT_KEY, FORMAT);
        files.forEach((name, version) -> {
            put(properties, name + ".etag", version.etag());
            put(properties, name + ".lastModified", version.lastModified());
            put(properties, name + ".contentLength", version.contentLength());
            put(properties, name + ".size", version.size());
            put(properties, name + ".modifiedMillis", version.modifiedMillis());
            put(properties, name + ".sha256", version.sha256());
        });
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, "IMDb dump files as last ingested");
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetState state && files.equals(state.files);
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    @Override
    public String toString() {
        return "DatasetState" + files;
    }

    private static FileVersion parse(Map<String, String> fields) {
        for (String field : fields.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'");
            }
        }
        String size = fields.get("size");
        String modified = fields.get("modifiedMillis");
        if (size == null || modified == null) {
            throw new IllegalArgumentException("size or modifiedMillis missing");
        }
        String sha = fields.get("sha256");
        if (sha != null && !SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException("sha256 is not 64 hex digits");
        }
        String length = fields.get("contentLength");
        return new FileVersion(fields.get("etag"), fields.get("lastModified"),
                length == null ? null : Long.valueOf(length), Long.parseLong(size), Long.parseLong(modified), sha);
    }

    private static void put(Properties properties, String key, Object value) {
        if (value != null) {
            properties.setProperty(key, value.toString());
        }
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("dataset state file " + file + " is corrupt (" + why
                + "); delete it to check both dumps afresh");
    }
}
