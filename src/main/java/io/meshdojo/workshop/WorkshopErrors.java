package io.meshdojo.workshop;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

class WorkshopErrors {

  /** The usual {@code {status, error}} body, with the field to fix. */
  @ServerExceptionMapper
  Response invalid(InvalidWorkshopException e) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("status", 400, "error", e.getMessage(), "field", e.field()))
        .build();
  }
}
