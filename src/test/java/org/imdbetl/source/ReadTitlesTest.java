package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.imdbetl.domain.TitleRecord;
import org.junit.jupiter.api.Test;

/**
 * title.basics joined with title.episode as both are read, against a join computed here with a map:
 * files sorted as text (as IMDb writes them) and by number (as the generator does), episodes without a
 * row, rows without an episode, {@code \N} numbers, and a title.episode cut short.
 */
class ReadTitlesTest {

    private static final String BASICS = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
    private static final String EPISODES = "tconst\tparentTconst\tseasonNumber\tepisodeNumber\n";

    @Test
    void everyEpisodeFindsItsRowWhicheverTheOrder() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                ids.add(random.nextBoolean() ? String.format("tt%07d", 995_000 + random.nextInt(10_000))
                        : String.format("tt%08d", 9_995_000 + random.nextInt(10_000)));
            }
            List<String> unique = ids.stream().distinct().toList();
            Map<String, String> type = new HashMap<>();
            Map<String, String[]> link = new HashMap<>();
            List<String> series = new ArrayList<>();
            for (String id : unique) {
                int kind = random.nextInt(10);
                type.put(id, kind == 0 ? "tvSeries" : kind < 8 ? "tvEpisode" : "movie");
                if (kind == 0) {
                    series.add(id);
                }
            }
            for (String id : unique) {
                boolean episode = type.get(id).equals("tvEpisode");
                // Most episodes have a row; a few rows are for titles that are not episodes of basics.
                if (episode ? random.nextInt(10) > 0 : random.nextInt(50) == 0) {
                    link.put(id, new String[] {series.isEmpty() ? "tt0000001" : series.get(random.nextInt(series.size())),
                            random.nextInt(5) == 0 ? "\\N" : Integer.toString(1 + random.nextInt(9)),
                            random.nextInt(5) == 0 ? "\\N" : Integer.toString(1 + random.nextInt(30))});
                }
            }
            List<String> byText = new ArrayList<>(unique);
            Collections.sort(byText);
            List<String> byNumber = new ArrayList<>(unique);
            byNumber.sort((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b));
            for (List<String> order : List.of(byText, byNumber)) {
                RecordingListener listener = new RecordingListener();
                Map<String, TitleRecord> read = read(order, type, link, listener, false);
                assertThat(read).hasSize(unique.size());
                long unmatched = 0;
                for (String id : unique) {
                    String[] row = link.get(id);
                    TitleRecord title = read.get(id);
                    if (type.get(id).equals("tvEpisode") && row != null) {
                        assertThat(title.parentTconst()).as(id).isEqualTo(row[0]);
                        assertThat(title.seasonNumber()).isEqualTo(row[1].equals("\\N") ? null : Integer.valueOf(row[1]));
                        assertThat(title.episodeNumber()).isEqualTo(row[2].equals("\\N") ? null : Integer.valueOf(row[2]));
                    } else {
                        assertThat(title.parentTconst()).as(id).isNull();
                        unmatched += row == null ? 0 : 1;
                    }
                    assertThat(title.titleType()).isEqualTo(type.get(id));
                }
                assertThat(listener.rejects.getOrDefault(RejectReason.UNMATCHED_EPISODE, 0)).isEqualTo((int) unmatched);
            }
        }
    }

    @Test
    void aCutOffEpisodeFileKeepsTheLinksBeforeTheCutAndSaysSo() throws Exception {
        List<String> ids = List.of("tt0000001", "tt0000002", "tt0000003", "tt0000004");
        Map<String, String> type = Map.of("tt0000001", "tvSeries", "tt0000002", "tvEpisode", "tt0000003", "tvEpisode",
                "tt0000004", "tvEpisode");
        Map<String, String[]> link = new LinkedHashMap<>();
        for (String id : ids.subList(1, 4)) {
            link.put(id, new String[] {"tt0000001", "1", id.substring(id.length() - 1)});
        }
        RecordingListener listener = new RecordingListener();
        boolean[] complete = new boolean[1];
        Map<String, TitleRecord> read = read(ids, type, link, listener, true, complete);
        assertThat(read).hasSize(4);
        assertThat(read.get("tt0000002").parentTconst()).isEqualTo("tt0000001");
        assertThat(complete[0]).isFalse();
        assertThat(listener.rejects).containsKey(RejectReason.TRUNCATED_FILE);
    }

    @Test
    void typesWithoutEpisodesLeaveTitleEpisodeUnread() throws Exception {
        List<String> ids = List.of("tt0000001", "tt0000002", "tt0000003");
        Map<String, String> type = Map.of("tt0000001", "tvSeries", "tt0000002", "tvEpisode", "tt0000003", "movie");
        Map<String, String[]> link = Map.of("tt0000002", new String[] {"tt0000001", "1", "1"});
        RecordingListener listener = new RecordingListener();
        Map<String, TitleRecord> read = read(ids, type, link, listener, false, new boolean[1], Set.of("movie"));
        assertThat(read).containsOnlyKeys("tt0000003");
        assertThat(listener.rejects).isEmpty();
    }

    private static Map<String, TitleRecord> read(List<String> order, Map<String, String> type, Map<String, String[]> link,
                                                 RecordingListener listener, boolean cut) throws Exception {
        return read(order, type, link, listener, cut, new boolean[1]);
    }

    private static Map<String, TitleRecord> read(List<String> order, Map<String, String> type, Map<String, String[]> link,
                                                 RecordingListener listener, boolean cut, boolean[] complete) throws Exception {
        return read(order, type, link, listener, cut, complete, Set.of());
    }

    private static Map<String, TitleRecord> read(List<String> order, Map<String, String> type, Map<String, String[]> link,
                                                 RecordingListener listener, boolean cut, boolean[] complete,
                                                 Set<String> titleTypes) throws Exception {
        StringBuilder basics = new StringBuilder(BASICS);
        StringBuilder episodes = new StringBuilder(EPISODES);
        for (String id : order) {
            basics.append(id).append('\t').append(type.get(id)).append("\tTitle ").append(id).append("\tTitle ").append(id)
                    .append("\t0\t2001\t\\N\t\\N\tDrama\n");
            String[] row = link.get(id);
            if (row != null) {
                episodes.append(id).append('\t').append(String.join("\t", row)).append('\n');
            }
        }
        byte[] episodeBytes = gzip(episodes.toString());
        if (cut) {
            episodeBytes = java.util.Arrays.copyOf(episodeBytes, episodeBytes.length - 12);
        }
        Map<String, TitleRecord> read = new LinkedHashMap<>();
        RatingsIndex ratings = new RatingsIndex();
        ratings.seal();
        ImdbReader reader = new ImdbReader(65_536, listener);
        try (InputStream b = new ByteArrayInputStream(basics.toString().getBytes(StandardCharsets.UTF_8));
             InputStream e = new GZIPInputStream(new ByteArrayInputStream(episodeBytes))) {
            complete[0] = reader.readTitles(b, "title.basics.tsv.gz", e, "title.episode.tsv.gz", titleTypes,
                    ratings, title -> {
                        read.put(title.tconst(), title);
                        return true;
                    });
        }
        return read;
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
