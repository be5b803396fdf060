package org.imdbetl.rest;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.imdbetl.app.IngestJob;
import org.imdbetl.app.RefreshOptions;
import org.imdbetl.app.ServiceStatus;
import org.imdbetl.config.ImdbConfig;
import org.imdbetl.source.IngestProgress;

/**
 * Operations that change state. Off unless ADMIN_TOKEN is set, and then only with
 * {@code Authorization: Bearer <token>}. The source is always the configured one: no request
 * can name a URL or a path.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final String BEARER = "Bearer ";

    private final IngestJob ingest;
    private final ServiceStatus status;
    private final Optional<String> token;
    private final FailedLogins failedLogins = new FailedLogins();

    AdminResource(IngestJob ingest, ServiceStatus status, ImdbConfig config) {
        this.ingest = ingest;
        this.status = status;
        this.token = config.admin().token().filter(t -> !t.isBlank());
    }

    /**
     * Runs the scheduled refresh now: check the configured source, read it when it changed (or with
     * {@code force=true}); {@code allowDeletes=true} applies deletions the safety valve held back.
     * 202 with the ingest state, as in {@code /status}.
     */
    @POST
    @Path("/ingest")
    @Operation(summary = "Refresh from the configured source now (needs ADMIN_TOKEN)")
    @APIResponse(responseCode = "202", description = "Started, or waiting behind the running refresh (a request while"
            + " one waits joins it and gets its id)")
    @APIResponse(responseCode = "429", description = "Too many failed authentications from this address; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "403", description = "ADMIN_TOKEN is not set: the endpoint is off", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "off", value = Examples.ADMIN_OFF)))
    public Response ingest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Apply deletions even beyond imdb.refresh.max-delete-fraction", example = "true")
            @QueryParam("allowDeletes") String allowDeletes,
            @Parameter(description = "Read the dumps even when the checks say they did not change", example = "true")
            @QueryParam("force") String force,
            @Context HttpServerRequest request) {
        String expected = token.orElseThrow(() -> new ForbiddenException("on-demand ingest is disabled; set ADMIN_TOKEN to enable it"));
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        long blocked = failedLogins.blockedSeconds(client);
        if (blocked > 0) {
            return ErrorMapper.json(429, "Too Many Requests", "too many failed authentications from " + client
                    + "; try again in " + blocked + " s").header(HttpHeaders.RETRY_AFTER, blocked).build();
        }
        String given = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()) : "";
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            int failures = failedLogins.failed(client);
            Log.warnf("Admin: refused POST /admin/ingest from %s: %s (%d in the last %s)", client,
                    authorization == null ? "no Authorization header" : "wrong token", failures, FailedLogins.WINDOW);
            throw new NotAuthorizedException("a valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required", BEARER.trim());
        }
        IngestJob.RefreshRequest started = ingest.requestRefresh(
                new RefreshOptions(QueryParams.flag("force", force), QueryParams.flag("allowDeletes", allowDeletes)));
        return Response.accepted(new RefreshView(started.id(), started.joined(), status.ingest())).build();
    }

    /**
     * The answer to a refresh request: its id, whether it joined one that was already waiting (then the id
     * is that one's), and the ingest state as in {@code /status}.
     */
    public record RefreshView(String id, boolean joined, IngestProgress.Snapshot ingest) {
    }
}
