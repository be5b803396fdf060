package org.imdbetl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imdbetl.domain.Movie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL source against a local server: conditional GETs, servers that ignore them or have no validators, cut bodies. */
class ImdbSourceDownloadTest {

    private static final String BASICS = ImdbReader.BASICS_FILE;
    private static final String RATINGS = ImdbReader.RATINGS_FILE;

    @TempDir
    Path cacheDir;

    private DumpServer server;
    private ImdbSource source;

    @BeforeEach
    void startServer() throws IOException {
        server = new DumpServer();
        source = new ImdbSource(server.baseUrl(), Path.of("data/sample"), cacheDir, Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void downloadsDayOneThenSeesNotModifiedThenDownloadsDayTwo() throws Exception {
        byte[] day1 = TestDumps.basics(1, 2000);
        server.serve(BASICS, day1, 1);

        FileVersion first;
        try (DumpFile file = source.open(BASICS, Optional.empty())) {
            assertThat(file.changed()).isTrue();
            assertThat(file.checkResult()).isEqualTo("no previous version");
            assertThat(file.describe()).isEqualTo(server.baseUrl() + BASICS);
            assertThat(file.totalBytes()).isEqualTo(day1.length);
            assertThat(readAll(file)).isEqualTo(day1);
            first = file.commit();
        }
        assertThat(first.etag()).isEqualTo(DumpServer.etagOf(day1));
        assertThat(first.lastModified()).endsWith("GMT");
        assertThat(first.contentLength()).isEqualTo(day1.length);
        assertThat(first.size()).isEqualTo(day1.length);
        assertThat(first.sha256()).isEqualTo(sha256(day1));
        assertThat(cached(BASICS)).hasBinaryContent(day1);

        try (DumpFile file = source.open(BASICS, Optional.of(first))) {
            assertThat(file.changed()).isFalse();
            assertThat(file.checkResult()).isEqualTo("304 Not Modified");
            assertThat(file.version()).isEqualTo(first);
            assertThat(readAll(file)).as("read from the cache").isEqualTo(day1);
            assertThat(file.commit()).isEqualTo(first);
        }
        assertThat(server.requests).last().isEqualTo(
                new DumpServer.Request(BASICS, first.etag(), first.lastModified(), 304));

        byte[] day2 = TestDumps.basics(2, 2100);
        server.serve(BASICS, day2, 2);
        FileVersion second;
        try (DumpFile file = source.open(BASICS, Optional.of(first))) {
            assertThat(file.changed()).isTrue();
            assertThat(file.checkResult()).isEqualTo("new ETag");
            assertThat(readAll(file)).isEqualTo(day2);
            second = file.commit();
        }
        assertThat(server.requests).last().extracting(DumpServer.Request::status).isEqualTo(200);
        assertThat(second.sha256()).isEqualTo(sha256(day2));
        assertThat(cached(BASICS)).hasBinaryContent(day2);
        assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
    }

    @Test
    void parsesBothDumpsAsTheyArriveAndCachesThemOnCommit() throws Exception {
        byte[] ratings = TestDumps.ratings(1, 1500);
        byte[] basics = TestDumps.basics(1, 1500);
        server.serve(RATINGS, ratings, 1);
        server.serve(BASICS, basics, 1);
        IngestProgress progress = new IngestProgress();
        List<Movie> movies = new ArrayList<>();

        try (DumpFile ratingsFile = source.open(RATINGS, Optional.empty());
                DumpFile basicsFile = source.open(BASICS, Optional.empty())) {
            assertThat(reader(progress).readInto(ratingsFile, basicsFile, movies::add)).isTrue();
            assertThat(cached(BASICS)).as("nothing cached before the commit").doesNotExist();
            ratingsFile.commit();
            basicsFile.commit();
        }

        assertThat(movies).hasSize(1500).allMatch(Movie::rated);
        assertThat(cached(RATINGS)).hasBinaryContent(ratings);
        assertThat(cached(BASICS)).hasBinaryContent(basics);
        IngestProgress.Snapshot snapshot = progress.snapshot();
        assertThat(snapshot.currentFile()).isEqualTo(BASICS);
        assertThat(snapshot.bytesTotal()).isEqualTo(basics.length);
        assertThat(snapshot.bytesRead()).isPositive().isLessThanOrEqualTo(basics.length);
    }

    @Test
    void aServerIgnoringConditionalsButSendingTheSameEtagIsNotReadAgain() throws Exception {
        // Larger than every socket and client buffer together, so a body read to its end would show.
        byte[] big = new byte[32 << 20];
        new Random(7).nextBytes(big);
        server.mode(DumpServer.Mode.IGNORES_CONDITIONALS);
        server.serve(BASICS, big, 1);
        FileVersion first;
        try (DumpFile file = source.open(BASICS, Optional.empty())) {
            try (InputStream in = file.open()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            first = file.commit();
        }
        server.written.clear();

        try (DumpFile file = source.open(BASICS, Optional.of(first))) {
            assertThat(file.changed()).isFalse();
            assertThat(file.checkResult()).isEqualTo("ETag unchanged (server ignored If-None-Match)");
            assertThat(file.version().sha256()).isEqualTo(first.sha256());
        }

        assertThat(server.requests).last().satisfies(request -> {
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.ifNoneMatch()).isEqualTo(first.etag());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !server.written.isEmpty());
        assertThat(server.written.get(0)).satisfies(written -> {
            assertThat(written.cutByClient()).as("the client dropped the connection").isTrue();
            assertThat(written.bytes()).isLessThan(big.length);
        });
        assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
    }

    @Test
    void withoutValidatorsTheSha256Decides() throws Exception {
        server.mode(DumpServer.Mode.NO_VALIDATORS);
        byte[] day1 = TestDumps.basics(1, 500);
        server.serve(BASICS, day1, 1);
        FileVersion first;
        try (DumpFile file = source.open(BASICS, Optional.empty())) {
            readAll(file);
            first = file.commit();
        }
        assertThat(first.etag()).isNull();
        assertThat(first.lastModified()).isNull();

        try (DumpFile file = source.open(BASICS, Optional.of(first))) {
            assertThat(file.changed()).isFalse();
            assertThat(file.checkResult()).isEqualTo("SHA-256 unchanged");
            assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
            assertThat(readAll(file)).isEqualTo(day1);
        }

        byte[] day2 = TestDumps.basics(2, 500);
        server.serve(BASICS, day2, 2);
        try (DumpFile file = source.open(BASICS, Optional.of(first))) {
            assertThat(file.changed()).isTrue();
            assertThat(file.checkResult()).isEqualTo("SHA-256 changed");
            assertThat(file.totalBytes()).isEqualTo(day2.length);
            assertThat(cached(BASICS)).as("untouched until the commit").hasBinaryContent(day1);
            assertThat(readAll(file)).isEqualTo(day2);
            assertThat(file.commit().sha256()).isEqualTo(sha256(day2));
        }
        assertThat(cached(BASICS)).hasBinaryContent(day2);
        assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
    }

    @Test
    void aBodyCutOffMidFileNeverLooksCompleteAndLeavesTheCacheAlone() throws Exception {
        byte[] ratings = TestDumps.ratings(1, 3000);
        byte[] day1 = TestDumps.basics(1, 3000);
        server.serve(RATINGS, ratings, 1);
        server.serve(BASICS, day1, 1);
        FileVersion ratingsVersion;
        FileVersion basicsVersion;
        try (DumpFile ratingsFile = source.open(RATINGS, Optional.empty());
                DumpFile basicsFile = source.open(BASICS, Optional.empty())) {
            assertThat(reader(new IngestProgress()).readInto(ratingsFile, basicsFile, movie -> true)).isTrue();
            ratingsVersion = ratingsFile.commit();
            basicsVersion = basicsFile.commit();
        }
        server.serveCut(BASICS, TestDumps.basics(2, 3000), 2);

        AtomicBoolean complete = new AtomicBoolean(true);
        try (DumpFile ratingsFile = source.open(RATINGS, Optional.of(ratingsVersion));
                DumpFile basicsFile = source.open(BASICS, Optional.of(basicsVersion))) {
            assertThat(ratingsFile.changed()).isFalse();
            assertThat(basicsFile.changed()).isTrue();
            Throwable thrown = catchThrowable(() -> complete.set(
                    reader(new IngestProgress()).readInto(ratingsFile, basicsFile, movie -> true)));

            assertThat(thrown != null || !complete.get()).as("failed (%s) or reported incomplete", thrown).isTrue();
            assertThatThrownBy(basicsFile::commit).isInstanceOf(IOException.class);
        }

        assertThat(server.written).last().satisfies(written -> assertThat(written.bytes()).isLessThan(written.length()));
        assertThat(cached(BASICS)).hasBinaryContent(day1);
        assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
    }

    @Test
    void aStalledBodyFailsInsteadOfWaitingForever() throws Exception {
        ImdbSource impatient = new ImdbSource(server.baseUrl(), Path.of("data/sample"), cacheDir, Duration.ofSeconds(5),
                Duration.ofMillis(500));
        server.serveStalled(BASICS, TestDumps.basics(1, 3000), 1);

        try (DumpFile file = impatient.open(BASICS, Optional.empty())) {
            assertThatThrownBy(() -> readAll(file))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("sent no data for 500 ms");
            assertThatThrownBy(file::commit).isInstanceOf(IOException.class);
        }
        assertThat(TestDumps.tempFiles(cacheDir)).isEmpty();
        assertThat(cached(BASICS)).doesNotExist();
    }

    @Test
    void anErrorAnswerNamesTheUrlAndTheWayOut() {
        assertThatThrownBy(() -> source.open(BASICS, Optional.empty()))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining(server.baseUrl() + BASICS)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("IMDB_SOURCE=sample");
    }

    @Test
    void keepsTheStateOfEachLocationInItsOwnFileInTheCache() {
        Path state = source.stateFile();

        assertThat(state.getParent()).isEqualTo(cacheDir);
        assertThat(state.getFileName().toString()).matches("dataset-[0-9a-f]{12}\\.properties");
        assertThat(new ImdbSource(server.baseUrl(), Path.of("x"), cacheDir, Duration.ofSeconds(1)).stateFile())
                .isEqualTo(state);
        assertThat(new ImdbSource(server.baseUrl() + "other/", Path.of("x"), cacheDir, Duration.ofSeconds(1)).stateFile())
                .isNotEqualTo(state);
    }

    private Path cached(String file) {
        return cacheDir.resolve("127.0.0.1").resolve(file);
    }

    private static DumpReader reader(IngestProgress progress) {
        return new DumpReader(new DumpReader.Settings(Set.of("movie"), 1 << 16, Duration.ofMinutes(1)), progress,
                new RejectSamples(1));
    }

    static byte[] readAll(DumpFile file) throws IOException {
        try (InputStream in = file.open()) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        return HashingInputStream.hex(HashingInputStream.sha256().digest(bytes));
    }
}
