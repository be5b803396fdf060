package org.imdbetl.source;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.imdbetl.domain.Excerpt;

/** Keeps the first N rejected rows of each reason, to be written as a CSV next to the outputs. */
public final class RejectSamples implements RowListener {

    private static final int MAX_ROW_CHARS = 1000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader("file", "line", "reason", "detail", "row").setRecordSeparator('\n').get();

    private final int perReason;
    private final Map<RejectReason, List<Sample>> samples = new EnumMap<>(RejectReason.class);

    private record Sample(String file, long line, RejectReason reason, String detail, String row) {
    }

    public RejectSamples(int perReason) {
        this.perReason = perReason;
    }

    @Override
    public void rowRead(String file) {
        // only rejects are kept
    }

    @Override
    public synchronized void rejected(String file, long line, RejectReason reason, String detail, String row) {
        List<Sample> kept = samples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (kept.size() < perReason) {
            String text = row == null ? null : Excerpt.of(row, MAX_ROW_CHARS);
            kept.add(new Sample(file, line, reason, detail, text));
        }
    }

    public synchronized boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Writes every kept sample, grouped by reason, to a CSV file. */
    public synchronized void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (List<Sample> kept : samples.values()) {
                for (Sample s : kept) {
                    csv.printRecord(s.file(), s.line(), s.reason(), s.detail(), s.row());
                }
            }
        }
    }
}
