package org.imdbetl.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A dump server on 127.0.0.1 that behaves as told: answers conditionals with 304, ignores them, sends no
 * validators at all, or cuts a body off halfway. Records every request and how each body write ended.
 */
public final class DumpServer implements AutoCloseable {

    enum Mode {
        /** ETag, Last-Modified, and 304 when either matches. */
        CONDITIONAL,
        /** ETag and Last-Modified, but always the whole body. */
        IGNORES_CONDITIONALS,
        /** Neither ETag nor Last-Modified. */
        NO_VALIDATORS
    }

    public record Request(String file, String ifNoneMatch, String ifModifiedSince, int status) {
    }

    /** How one body write ended: bytes written, and whether the client went away before the end. */
    record Written(String file, long bytes, long length, boolean cutByClient) {
    }

    private static final int CHUNK = 8192;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> lastModified = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cut = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();
    private final Map<String, Long> bytesPerSecond = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Per file, when a body (a 200) was sent. */
    private final Map<String, List<Instant>> bodiesSent = new ConcurrentHashMap<>();
    final List<Written> written = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.CONDITIONAL;

    public DumpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/dumps/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/dumps/";
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    /** Serves {@code body} from now on, last modified at {@code day} (days after an arbitrary date). */
    public void serve(String file, byte[] body, int day) {
        bodies.put(file, body);
        lastModified.put(file, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.parse("2024-01-01T06:00:00Z").plusSeconds(86_400L * day).atOffset(ZoneOffset.UTC)));
        cut.remove(file);
        stalled.remove(file);
        bytesPerSecond.remove(file);
    }

    /** Like {@link #serve}, but the whole body trickles out at about {@code rate} bytes per second. */
    public void serveSlowly(String file, byte[] body, int day, long rate) {
        serve(file, body, day);
        bytesPerSecond.put(file, rate);
    }

    /** Like {@link #serve}, but the body stops halfway although Content-Length promised all of it. */
    public void serveCut(String file, byte[] body, int day) {
        serve(file, body, day);
        cut.put(file, true);
    }

    /** Like {@link #serve}, but the body stops halfway and the connection stays open, silent, until the server closes. */
    void serveStalled(String file, byte[] body, int day) {
        serve(file, body, day);
        stalled.put(file, true);
    }

    /** When the file's body was sent, each time: a download. */
    public List<Instant> downloads(String file) {
        return List.copyOf(bodiesSent.getOrDefault(file, List.of()));
    }

    /** How many requests were answered 304 Not Modified. */
    public long notModified() {
        return requests.stream().filter(r -> r.status() == 304).count();
    }

    static String etagOf(byte[] body) {
        return "\"" + HashingInputStream.hex(HashingInputStream.sha256().digest(body)).substring(0, 16) + "\"";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String file = exchange.getRequestURI().getPath().substring("/dumps/".length());
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            byte[] body = bodies.get(file);
            if (body == null) {
                requests.add(new Request(file, ifNoneMatch, ifModifiedSince, 404));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String etag = etagOf(body);
            String modified = lastModified.get(file);
            Mode current = mode;
            if (current != Mode.NO_VALIDATORS) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.getResponseHeaders().set("Last-Modified", modified);
            }
            boolean notModified = ifNoneMatch != null ? ifNoneMatch.equals(etag) : modified.equals(ifModifiedSince);
            if (current == Mode.CONDITIONAL && notModified) {
                requests.add(new Request(file, ifNoneMatch, ifModifiedSince, 304));
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            requests.add(new Request(file, ifNoneMatch, ifModifiedSince, 200));
            bodiesSent.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add(Instant.now());
            exchange.sendResponseHeaders(200, body.length);
            boolean half = cut.containsKey(file) || stalled.containsKey(file);
            writeBody(exchange, file, body, half ? body.length / 2 : body.length);
            if (stalled.containsKey(file)) {
                awaitClosing();
            }
        }
    }

    private void writeBody(HttpExchange exchange, String file, byte[] body, int send) throws IOException {
        long sent = 0;
        OutputStream out = exchange.getResponseBody();
        Long rate = bytesPerSecond.get(file);
        long start = System.nanoTime();
        try {
            while (sent < send) {
                int n = (int) Math.min(CHUNK, send - sent);
                out.write(body, (int) sent, n);
                sent += n;
                if (rate != null) {
                    out.flush();
                    // Pacing, not waiting for a condition: the body is due at this rate.
                    LockSupport.parkNanos(start + sent * 1_000_000_000L / rate - System.nanoTime());
                }
            }
            out.flush();
        } catch (IOException e) {
            written.add(new Written(file, sent, body.length, true));
            return;
        }
        written.add(new Written(file, sent, body.length, false));
        if (send < body.length && !stalled.containsKey(file)) {
            // A handler that throws makes the server drop the connection: the client sees a cut body.
            throw new IOException("body cut off on purpose");
        }
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
