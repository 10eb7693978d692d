package io.meshdojo.account;

import io.meshdojo.web.ApiError;
import io.meshdojo.web.SameOriginGuard;
import io.meshdojo.web.SessionCookie;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes signing out end the session on the server too. Quarkus form sessions live only in an
 * encrypted cookie, so a copied cookie would otherwise keep working for the whole timeout after
 * "Sign out". Each account records when it last signed out; before authentication runs, a session
 * cookie issued no later than that is dropped: the API answers 401, pages send the visitor to the
 * sign-in page. Signing out therefore ends the account's sessions in every browser.
 */
@ApplicationScoped
public class SignedOutSessions {

  private final SessionCookie cookies;
  private final SignOutTimes signOuts;

  public SignedOutSessions(
      @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> key,
      @ConfigProperty(name = "quarkus.http.auth.form.timeout") Duration timeout,
      SignOutTimes signOuts) {
    this.cookies =
        new SessionCookie(
            key.orElseThrow(
                () ->
                    new IllegalStateException(
                        "quarkus.http.auth.session.encryption-key is not set: sign-out needs it to"
                            + " read session cookies (MeshDojoMain sets one on a normal start)")),
            timeout);
    this.signOuts = signOuts;
  }

  void install(@Observes Router router) {
    router.route().order(SameOriginGuard.ORDER + 10).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    Optional<SessionCookie.Contents> session = cookies.read(ctx.request());
    if (session.isEmpty()) {
      ctx.next();
      return;
    }
    SessionCookie.Contents contents = session.get();
    Optional<Instant> known = signOuts.known(contents.username());
    if (known.isPresent()) {
      decide(ctx, contents, known.get());
      return;
    }
    ctx.vertx()
        .executeBlocking(() -> signOuts.read(contents.username()), false)
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
              } else {
                decide(ctx, contents, result.result());
              }
            });
  }

  private static void decide(
      RoutingContext ctx, SessionCookie.Contents contents, Instant signedOut) {
    if (contents.issuedAt().isAfter(signedOut)) {
      ctx.next();
    } else {
      refuse(ctx);
    }
  }

  private static void refuse(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(SessionCookie.NAME, "").setPath("/").setMaxAge(0));
    if (ctx.normalizedPath().startsWith("/api/")) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"meshdojo\"");
      ApiError.send(ctx, 401, "this session was signed out: sign in again");
    } else {
      ctx.response().setStatusCode(302).putHeader("Location", "/login").end();
    }
  }
}
