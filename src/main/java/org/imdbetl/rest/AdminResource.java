package org.imdbetl.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
    @APIResponse(responseCode = "202", description = "Started, or already running")
    @APIResponse(responseCode = "401", description = "Missing or wrong token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class)))
    @APIResponse(responseCode = "403", description = "ADMIN_TOKEN is not set: the endpoint is off", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorView.class),
            examples = @ExampleObject(name = "off", value = Examples.ADMIN_OFF)))
    public Response ingest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Apply deletions even beyond imdb.refresh.max-delete-fraction", example = "true")
            @QueryParam("allowDeletes") String allowDeletes,
            @Parameter(description = "Read the dumps even when the checks say they did not change", example = "true")
            @QueryParam("force") String force) {
        String expected = token.orElseThrow(() -> new ForbiddenException("on-demand ingest is disabled; set ADMIN_TOKEN to enable it"));
        String given = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()) : "";
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthorizedException("a valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required", BEARER.trim());
        }
        ingest.refresh(new RefreshOptions(QueryParams.flag("force", force), QueryParams.flag("allowDeletes", allowDeletes)));
        return Response.accepted(status.ingest()).build();
    }
}
