package org.imdbetl.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.imdbetl.history.HistoryStoreException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the service as a small JSON {@link ErrorView}. The headers an error status comes
 * with (a challenge for a 401, a wait for a 429 or 503, the methods for a 405) are kept.
 */
public class ErrorMapper {

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER,
            HttpHeaders.ALLOW);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        String message = original.getEntity() instanceof String text && !text.isBlank() ? text : e.getMessage();
        Response.ResponseBuilder json = json(status.getStatusCode(), status.getReasonPhrase(), message);
        for (String header : KEPT_HEADERS) {
            for (Object value : original.getHeaders().getOrDefault(header, List.of())) {
                json.header(header, value);
            }
        }
        return json.build();
    }

    /** The history store failed to read (a corrupt file): the rest of the service still answers. */
    @ServerExceptionMapper
    public Response historyUnavailable(HistoryStoreException e) {
        Log.errorf("History: %s", e.getMessage());
        return json(503, "Service Unavailable", "the rating history cannot be read now; see the service log")
                .header(HttpHeaders.RETRY_AFTER, 60).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("Unexpected error answering a request", e);
        return json(500, "Internal Server Error", "unexpected error; see the service log").build();
    }

    static Response.ResponseBuilder json(int status, String reason, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ErrorView.of(status, reason, message));
    }
}
