package org.imdbetl.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects what a reader reports, for assertions. */
final class RecordingListener implements RowListener {

    final List<String> details = new ArrayList<>();
    final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
    int rowsRead;

    @Override
    public void rowRead(String file) {
        rowsRead++;
    }

    @Override
    public void rejected(String file, long line, RejectReason reason, String detail, String row) {
        rejects.merge(reason, 1, Integer::sum);
        details.add(line + ": " + detail);
    }
}
