package org.imdbetl.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import org.imdbetl.app.Main;
import org.imdbetl.domain.Excerpt;

/**
 * The errors that happen below the REST resources answer with the same JSON body as the rest
 * ({@link ErrorView}): a request URI longer than the service reads (414), a URI that is not one (400: Quarkus'
 * own check of it, which answers with no body, is turned off by {@link Main#URI_CHECK_SWITCH}), and whatever else
 * the HTTP layer fails a request with. Only a request line past the HTTP decoder's own limit
 * ({@code quarkus.http.limits.max-initial-line-length}) is answered before any of this, with an empty 414.
 */
@ApplicationScoped
class HttpErrors {

    /** The longest request URI the service reads; longer ones get a JSON 414. */
    static final int MAX_URI_LENGTH = 16_384;

    private final ObjectMapper json;

    HttpErrors(ObjectMapper json) {
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limitUri).failureHandler(this::asJson);
    }

    private void limitUri(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            write(context, 414, "the request URI is " + uri.length() + " characters long; at most " + MAX_URI_LENGTH
                    + " are read");
            return;
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            write(context, 400, "the request URI is malformed (" + Excerpt.of(e.getReason(), 80) + " at index "
                    + e.getIndex() + "); percent-encode it");
            return;
        }
        context.next();
    }

    private void asJson(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.statusCode();
        Throwable failure = context.failure();
        if (status < 400 && failure instanceof IllegalArgumentException) {
            status = 400;
        }
        if (status < 400 || status >= 500) {
            // A server error: Quarkus' own handler logs it with its stack trace.
            context.next();
            return;
        }
        write(context, status, status == 400 ? "the request could not be read"
                + (failure == null || failure.getMessage() == null ? "" : ": " + Excerpt.of(failure.getMessage(), 120))
                : "the request was refused");
    }

    private void write(RoutingContext context, int status, String message) {
        String body;
        try {
            body = json.writeValueAsString(ErrorView.of(status, null, message));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
