package io.meshdojo.web;

import io.meshdojo.config.MeshDojoConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Cross-site request forgery protection for everything a browser's cookie can authenticate: every
 * state-changing request (any method but GET, HEAD and OPTIONS) and every WebSocket upgrade must
 * come from one of the service's own pages.
 *
 * <p>The proof is the {@code Origin} header (or, when a browser leaves it out, the {@code
 * Referer}): it must name the origin the request was sent to (its scheme and {@code Host}) or the
 * configured {@code meshdojo.sandbox.public-url}. A request that names neither header is refused
 * only when it carries the sign-in cookie, because browsers always send {@code Origin} on
 * cross-site POSTs and WebSocket handshakes; scripts and kubectl send no cookie and no {@code
 * Origin}, and their HTTP Basic or sandbox bearer credentials are never attached by a browser on
 * its own. The sign-in, sign-out and sign-up forms are guarded by the same rule (no separate
 * token).
 */
@ApplicationScoped
public class SameOriginGuard {

  private static final Logger LOG = Logger.getLogger(SameOriginGuard.class);

  /** Runs before authentication and before every other route. */
  public static final int ORDER = -3000;

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Optional<String> publicOrigin;

  public SameOriginGuard(MeshDojoConfig config) {
    this.publicOrigin = config.sandbox().publicUrl().flatMap(SameOriginGuard::originOf);
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::guard);
  }

  void guard(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!guarded(request)) {
      ctx.next();
      return;
    }
    String origin = request.getHeader("Origin");
    String referer = request.getHeader("Referer");
    String claimed =
        origin != null
            ? origin
            : referer != null ? originOf(referer).orElse("unreadable Referer") : null;
    if (claimed == null) {
      if (request.getCookie(SessionCookie.NAME) == null) {
        ctx.next();
      } else {
        refuse(ctx, "this request carries no Origin header; send it from a Mesh Dojo page");
      }
      return;
    }
    if (isOwn(request, claimed)) {
      ctx.next();
    } else {
      refuse(ctx, "cross-site request refused: origin " + claimed + " is not this service");
    }
  }

  private static boolean guarded(HttpServerRequest request) {
    return !SAFE.contains(request.method())
        || "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }

  private boolean isOwn(HttpServerRequest request, String claimed) {
    String normalized = originOf(claimed).orElse(null);
    if (normalized == null) {
      return false;
    }
    String host = request.getHeader("Host");
    if (host != null && normalized.equals(originOf(request.scheme() + "://" + host).orElse(null))) {
      return true;
    }
    return publicOrigin.map(normalized::equals).orElse(false);
  }

  /** {@code scheme://host[:port]} of an absolute URL, lower case, default ports left out. */
  static Optional<String> originOf(String url) {
    try {
      URI uri = URI.create(url.trim());
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null || host == null) {
        return Optional.empty();
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return Optional.of(
          scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void refuse(RoutingContext ctx, String message) {
    LOG.infof(
        "Refused %s %s from %s: %s",
        ctx.request().method(),
        ctx.request().path(),
        ctx.request().remoteAddress().hostAddress(),
        message);
    ApiError.send(ctx, 403, message);
  }
}
