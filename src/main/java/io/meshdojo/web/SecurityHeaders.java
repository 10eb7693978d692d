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
 * Content-Security-Policy needs no {@code unsafe-inline}. The one exception is Swagger UI, whose
 * generated page configures itself in an inline script and styles itself inline: it is read-only
 * documentation of this service's own API and shows nothing a user wrote, so under {@value
 * #API_DOCS_PATH} inline scripts and styles are allowed. HSTS is sent on HTTPS responses only.
 */
@ApplicationScoped
public class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY = policy("'self'");

  static final String API_DOCS_PATH = "/q/swagger-ui";

  static final String API_DOCS_CONTENT_SECURITY_POLICY = policy("'self' 'unsafe-inline'");

  private static String policy(String scriptAndStyleSources) {
    return String.join(
        "; ",
        "default-src 'self'",
        "script-src " + scriptAndStyleSources,
        "style-src " + scriptAndStyleSources,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");
  }

  /** A year, the value browsers' preload rules ask for. */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

  void install(@Observes Router router) {
    router.route().order(SameOriginGuard.ORDER - 10).handler(this::addHeaders);
  }

  private void addHeaders(RoutingContext ctx) {
    boolean https = ctx.request().isSSL();
    String path = ctx.normalizedPath();
    String policy =
        path.equals(API_DOCS_PATH) || path.startsWith(API_DOCS_PATH + "/")
            ? API_DOCS_CONTENT_SECURITY_POLICY
            : CONTENT_SECURITY_POLICY;
    ctx.addHeadersEndHandler(
        ignored -> {
          MultiMap headers = ctx.response().headers();
          headers.set("Content-Security-Policy", policy);
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
