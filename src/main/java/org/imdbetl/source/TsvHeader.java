package org.imdbetl.source;

import java.util.Arrays;
import java.util.List;
import org.imdbetl.domain.Excerpt;

/**
 * The header line of an IMDb TSV file. Columns are found by name so a dump with its columns in
 * another order still reads correctly; a missing required column fails the whole file.
 */
final class TsvHeader {

    private final List<String> names;

    private TsvHeader(List<String> names) {
        this.names = names;
    }

    /**
     * @throws InvalidFileException when the line is missing or lacks a required column
     */
    public static TsvHeader parse(String file, String line, List<String> required) throws InvalidFileException {
        if (line == null) {
            throw new InvalidFileException(file, "is empty: expected a header line with " + required);
        }
        List<String> names = Arrays.asList(line.split("\t", -1));
        List<String> missing = required.stream().filter(name -> !names.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidFileException(file, "has no header with columns " + missing + " (first line: "
                    + Excerpt.of(line, 80) + ")");
        }
        return new TsvHeader(List.copyOf(names));
    }

    public int size() {
        return names.size();
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** Splits a row on tabs; IMDb never quotes, so a '"' is an ordinary character. */
    public String[] split(String line) throws RejectedRowException {
        String[] fields = new String[names.size()];
        int count = 0;
        int start = 0;
        int length = line.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || line.charAt(i) == '\t') {
                if (count == fields.length) {
                    throw wrongCount(line);
                }
                fields[count++] = line.substring(start, i);
                start = i + 1;
            }
        }
        if (count != fields.length) {
            throw wrongCount(line);
        }
        return fields;
    }

    private RejectedRowException wrongCount(String line) {
        int found = 1 + (int) line.chars().filter(c -> c == '\t').count();
        return new RejectedRowException(RejectReason.WRONG_FIELD_COUNT,
                "expected " + names.size() + " fields, found " + found);
    }

}
