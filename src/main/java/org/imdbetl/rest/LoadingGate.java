package org.imdbetl.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.imdbetl.state.ConsumerPositions;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Data endpoints answer 503 until the store holds the topic as it was at start-up, with
 * {@code Retry-After} and how far the load is: a store still loading would answer with partial data
 * (or {@code []}) that looks complete. {@code /status}, {@code /version}, health and the dashboard answer
 * all along.
 */
class LoadingGate {

    /** Seconds a client is asked to wait before it asks again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ConsumerPositions positions;

    LoadingGate(ConsumerPositions positions) {
        this.positions = positions;
    }

    @ServerRequestFilter
    Optional<Response> whileLoading(ContainerRequestContext request) {
        if (positions.loaded() || !isData(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        ConsumerPositions.LoadProgress progress = positions.loadProgress();
        String message = progress == null
                ? "the store is waiting for Kafka to load the topic; try again shortly"
                : "the store is loading the topic: " + progress.read() + " of " + progress.total()
                        + " offsets read; try again shortly";
        LoadingView body = new LoadingView(503, "Service Unavailable", message,
                progress == null ? null : progress.read(), progress == null ? null : progress.total());
        return Optional.of(Response.status(503)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build());
    }

    private static boolean isData(String path) {
        return path.equals("/movies") || path.startsWith("/movies/") || path.equals("/genres") || path.startsWith("/genres/");
    }

    /** The error body, with how many offsets the load has read of those it reads (null while Kafka is unknown). */
    public record LoadingView(int status, String error, String message, Long offsetsRead, Long offsetsToRead) {
    }
}
