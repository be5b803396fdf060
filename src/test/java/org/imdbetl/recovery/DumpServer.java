package org.imdbetl.recovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a folder's two dumps over HTTP on 127.0.0.1, as IMDb's server does: ETag and Last-Modified,
 * 304 to a matching If-None-Match. It can also ignore conditional requests, or cut every body short.
 */
final class DumpServer implements AutoCloseable {

    enum Mode {
        CONDITIONAL,
        IGNORES_CONDITIONALS,
        CUTS_BODIES
    }

    private final HttpServer server;
    private volatile Path dir;
    private volatile Instant lastModified;
    private volatile Mode mode = Mode.CONDITIONAL;
    final AtomicInteger notModified = new AtomicInteger();
    final AtomicInteger fullBodies = new AtomicInteger();

    DumpServer(Path dir, Instant lastModified) throws IOException {
        this.dir = dir;
        this.lastModified = lastModified;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** From now on, serve this folder's files as published at that time. */
    void serve(Path newDir, Instant newLastModified) {
        this.dir = newDir;
        this.lastModified = newLastModified;
    }

    void mode(Mode newMode) {
        this.mode = newMode;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String etag = "\"" + sha256(body) + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC)));
            if (mode != Mode.IGNORES_CONDITIONALS && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            fullBodies.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (mode == Mode.CUTS_BODIES) {
                // Half the announced bytes, then a failing handler: the server drops the connection.
                out.write(body, 0, body.length / 2);
                out.flush();
                throw new IOException("body cut on purpose");
            }
            try (out) {
                out.write(body);
            } catch (IOException e) {
                // The client may stop reading once it knows the file is unchanged.
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
