package io.meshdojo.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response: pages, the API, errors, static files and the sandboxes'
 * Kubernetes API alike. The pages load scripts and styles only from this service, and none of them
 * is inline (JavaScript sets element styles through the DOM, which a policy allows), so the
 * Content-Security-Policy needs no {@code unsafe-inline}. HSTS is sent on HTTPS responses only.
 */
@ApplicationScoped
public class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  /** A year, the value browsers' preload rules ask for. */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

  void install(@Observes Router router) {
    router.route().order(SameOriginGuard.ORDER - 10).handler(this::addHeaders);
  }

  private void addHeaders(RoutingContext ctx) {
    boolean https = ctx.request().isSSL();
    ctx.addHeadersEndHandler(
        ignored -> {
          MultiMap headers = ctx.response().headers();
          headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
          headers.set("X-Content-Type-Options", "nosniff");
          headers.set("X-Frame-Options", "DENY");
          headers.set("Referrer-Policy", "same-origin");
          if (https) {
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
          }
        });
    ctx.next();
  }
}
