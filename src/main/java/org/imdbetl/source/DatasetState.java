package org.imdbetl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.imdbetl.files.AtomicFiles;

/**
 * The versions of the dump files as last ingested, persisted in the source's state file so that a
 * restart still knows what it has, with the date of the last refresh and of one under way. Immutable.
 * On disk a properties file: {@code format=2}, {@code <file name>.<field>=<value>} per known field of
 * {@link FileVersion}, {@code asOf=<epoch millis>} of the last completed refresh, and
 * {@code pending.asOf}, {@code pending.files} of a refresh that started and did not complete. Format 1
 * files (without the dates) are read too.
 */
public final class DatasetState {

    private static final String FORMAT_KEY = "format";
    private static final String FORMAT = "2";
    private static final Set<String> FORMATS = Set.of("1", FORMAT);
    private static final String AS_OF_KEY = "asOf";
    private static final String PENDING_AS_OF_KEY = "pending.asOf";
    private static final String PENDING_FILES_KEY = "pending.files";
    private static final Set<String> FIELDS =
            Set.of("etag", "lastModified", "contentLength", "size", "modifiedMillis", "sha256");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final DatasetState EMPTY = new DatasetState(Map.of(), null, null);

    private final Map<String, FileVersion> files;
    /** The dataset version of the last completed refresh, or null. */
    private final Instant asOf;
    /** A refresh that started and did not complete, or null. */
    private final Pending pending;

    /**
     * A refresh under way: its date, and the versions of the files it read, as {@link #filesKey} gives
     * them. Reading the same files again resumes it under the same date.
     */
    public record Pending(Instant asOf, String files) {
    }

    private DatasetState(Map<String, FileVersion> files, Instant asOf, Pending pending) {
        this.files = files;
        this.asOf = asOf;
        this.pending = pending;
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
        String format = properties.getProperty(FORMAT_KEY);
        if (format == null || !FORMATS.contains(format)) {
            throw corrupt(file, "it has no " + FORMAT_KEY + "=" + FORMAT + " line");
        }
        Instant asOf;
        Pending pending = null;
        try {
            asOf = instant(properties.getProperty(AS_OF_KEY));
            Instant pendingAsOf = instant(properties.getProperty(PENDING_AS_OF_KEY));
            String pendingFiles = properties.getProperty(PENDING_FILES_KEY);
            if ((pendingAsOf == null) != (pendingFiles == null)) {
                throw new IllegalArgumentException(PENDING_AS_OF_KEY + " and " + PENDING_FILES_KEY + " go together");
            }
            if (pendingAsOf != null) {
                pending = new Pending(pendingAsOf, pendingFiles);
            }
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
        Map<String, Map<String, String>> fields = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.equals(FORMAT_KEY) || key.equals(AS_OF_KEY) || key.equals(PENDING_AS_OF_KEY) || key.equals(PENDING_FILES_KEY)) {
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
        return new DatasetState(Collections.unmodifiableMap(versions), asOf, pending);
    }

    private static Instant instant(String millis) {
        if (millis == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + millis + "' is not a date in epoch milliseconds");
        }
    }

    /** The dataset version of the last completed refresh. */
    public Optional<Instant> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** A refresh that started and did not complete. */
    public Optional<Pending> pending() {
        return Optional.ofNullable(pending);
    }

    /** The same files, the date of the refresh that completed, and no refresh under way. */
    public DatasetState completed(Instant refreshAsOf) {
        return new DatasetState(files, refreshAsOf, null);
    }

    /** The same, with a refresh under way. */
    public DatasetState withPending(Pending started) {
        return new DatasetState(files, asOf, started);
    }

    /**
     * What identifies the dataset a refresh reads, before it is read: its files' dates (Last-Modified, or
     * for local files the modification time). A download cut short and fetched again whole is the same
     * dataset; a file rewritten is another.
     */
    public static String filesKey(List<FileVersion> versions) {
        StringBuilder key = new StringBuilder();
        for (FileVersion version : versions) {
            if (version == null) {
                key.append("?;");
            } else if (version.lastModified() != null) {
                key.append(version.lastModified()).append(';');
            } else {
                key.append(version.modifiedMillis()).append(';');
            }
        }
        return key.toString();
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
        return new DatasetState(Collections.unmodifiableMap(copy), asOf, pending);
    }

    /** Replaces the file atomically: a crash leaves the old state or the new one. */
    public void save(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(FORMAT_KEY, FORMAT);
        if (asOf != null) {
            properties.setProperty(AS_OF_KEY, String.valueOf(asOf.toEpochMilli()));
        }
        if (pending != null) {
            properties.setProperty(PENDING_AS_OF_KEY, String.valueOf(pending.asOf().toEpochMilli()));
            properties.setProperty(PENDING_FILES_KEY, pending.files());
        }
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
        return other instanceof DatasetState state && files.equals(state.files) && Objects.equals(asOf, state.asOf)
                && Objects.equals(pending, state.pending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(files, asOf, pending);
    }

    @Override
    public String toString() {
        return "DatasetState" + files + (asOf == null ? "" : " asOf " + asOf) + (pending == null ? "" : " pending " + pending);
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
