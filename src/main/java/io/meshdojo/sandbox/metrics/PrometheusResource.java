package io.meshdojo.sandbox.metrics;

import io.meshdojo.sandbox.Sandboxes;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The lab page's view of the sandbox's simulated Prometheus: the same instant query API curl
 * reaches as {@code prometheus.istio-system:9090}, for the session's owner only (anyone else gets
 * the 404 of a session that does not exist).
 */
@Path("/api/sessions/{id}/prometheus/api/v1/query")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sandboxes")
public class PrometheusResource {

  private final Sandboxes sessions;
  private final PrometheusApi prometheus;
  private final SecurityIdentity identity;

  public PrometheusResource(
      Sandboxes sessions, PrometheusApi prometheus, SecurityIdentity identity) {
    this.sessions = sessions;
    this.prometheus = prometheus;
    this.identity = identity;
  }

  @GET
  @Operation(
      summary =
          "Prometheus instant query over the requests sent in this embedded sandbox: Prometheus'"
              + " JSON (status, data.resultType, data.result); 400 with errorType bad_data for a"
              + " query the simulated Prometheus cannot read")
  public Response query(
      @PathParam("id") String id,
      @QueryParam("query") String query,
      @QueryParam("time") String time) {
    sessions.view(identity.getPrincipal().getName(), id);
    PrometheusApi.Reply reply = prometheus.query(id, query, time);
    return Response.status(reply.status()).entity(reply.body()).build();
  }
}
