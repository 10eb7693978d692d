package io.meshdojo.sandbox.workspace;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.web.ApiError;
import io.meshdojo.web.BadInputException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The lab page's editor and resource browser, on the learner's own sandbox. */
@Path("/api/sessions/{id}")
@Authenticated
@Tag(name = "Sandboxes")
public class WorkspaceResource {

  private final WorkspaceService workspace;
  private final SecurityIdentity identity;
  private final MeshDojoConfig config;

  public WorkspaceResource(
      WorkspaceService workspace, SecurityIdentity identity, MeshDojoConfig config) {
    this.workspace = workspace;
    this.identity = identity;
    this.config = config;
  }

  @POST
  @Path("/apply")
  @Consumes({MediaType.TEXT_PLAIN, "application/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Apply every document of a YAML text; each gets created, configured, unchanged or the"
              + " server's refusal with its line")
  public ApplyReport apply(@PathParam("id") String id, String yaml) {
    return workspace.apply(user(), id, bounded(yaml));
  }

  @POST
  @Path("/delete")
  @Consumes({MediaType.TEXT_PLAIN, "application/yaml"})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Delete the object each document of a YAML text names")
  public ApplyReport delete(@PathParam("id") String id, String yaml) {
    return workspace.delete(user(), id, bounded(yaml));
  }

  @GET
  @Path("/objects")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "What the sandbox holds: apiVersion, kind, namespace and name of each")
  public List<ObjectRef> objects(@PathParam("id") String id) {
    return workspace.objects(user(), id);
  }

  @GET
  @Path("/objects/yaml")
  @Produces("application/yaml")
  @Operation(summary = "One object of the sandbox as YAML")
  public String object(
      @PathParam("id") String id,
      @QueryParam("apiVersion") String apiVersion,
      @QueryParam("kind") String kind,
      @QueryParam("namespace") String namespace,
      @QueryParam("name") String name) {
    return workspace.yaml(user(), id, ref(apiVersion, kind, namespace, name));
  }

  @DELETE
  @Path("/objects")
  @Operation(summary = "Delete one object of the sandbox")
  public Response deleteObject(
      @PathParam("id") String id,
      @QueryParam("apiVersion") String apiVersion,
      @QueryParam("kind") String kind,
      @QueryParam("namespace") String namespace,
      @QueryParam("name") String name) {
    workspace.deleteObject(user(), id, ref(apiVersion, kind, namespace, name));
    return Response.noContent().build();
  }

  /** A refusal of the whole request (not of one document) keeps the sandbox API's status. */
  @ServerExceptionMapper
  public Response refused(WorkspaceRefusal e) {
    return ApiError.response(
        e.status() >= 400 && e.status() < 500 ? e.status() : 502, e.getMessage());
  }

  @ServerExceptionMapper
  public Response unreadable(UnreadableYamlException e) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("status", 400, "error", e.getMessage(), "line", e.line()))
        .build();
  }

  private String bounded(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new BadInputException("send the YAML to apply in the request body");
    }
    int limit = config.sandbox().maxRequestBytes();
    if (yaml.getBytes(StandardCharsets.UTF_8).length > limit) {
      throw new BadInputException(
          "the YAML is larger than " + limit / 1024 + " KiB; apply it in parts");
    }
    return yaml;
  }

  private static ObjectRef ref(String apiVersion, String kind, String namespace, String name) {
    if (apiVersion == null || kind == null || name == null) {
      throw new BadInputException("name the object with apiVersion, kind and name");
    }
    return new ObjectRef(apiVersion, kind, namespace == null ? "" : namespace, name);
  }

  private String user() {
    return identity.getPrincipal().getName();
  }
}
