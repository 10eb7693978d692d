package io.meshdojo.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every API error: a status and a sentence a person can act on. */
public record ApiError(int status, String error) {

  public static Response response(Response.Status status, String message) {
    return response(status.getStatusCode(), message);
  }

  public static Response response(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status, message))
        .build();
  }

  /** The same answer from a Vert.x route, for refusals made before a request reaches REST. */
  public static void send(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", MediaType.APPLICATION_JSON)
        .end(Json.encode(new ApiError(status, message)));
  }
}
