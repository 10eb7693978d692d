package io.meshdojo.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size}
 * with the project's JSON error, before Quarkus would answer an empty 413. The sandboxes'
 * Kubernetes API answers its own oversized requests with a Kubernetes Status, so its requests are
 * left to it: those under its path, and those carrying a bearer token, as kubectl's raw requests do
 * on the API server's own paths (the service's REST API never takes bearer tokens).
 */
@ApplicationScoped
public class BodyLimit {

  /** Where the embedded sandboxes' Kubernetes API lives (io.meshdojo.sandbox.embedded). */
  static final String SANDBOX_API_PREFIX = "/sandboxes/";

  private final long maxBytes;

  public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
    this.maxBytes = max.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(SameOriginGuard.ORDER + 20).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null
        && length.matches("\\d{1,18}")
        && Long.parseLong(length) > maxBytes
        && !forSandboxApi(ctx)) {
      ctx.response().putHeader("Connection", "close");
      ApiError.send(
          ctx,
          413,
          "request body too large: "
              + length
              + " bytes, the limit is "
              + maxBytes
              + " bytes ("
              + maxBytes / 1024
              + " KiB)");
      return;
    }
    ctx.next();
  }

  private static boolean forSandboxApi(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    return ctx.normalizedPath().startsWith(SANDBOX_API_PREFIX)
        || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
  }
}
