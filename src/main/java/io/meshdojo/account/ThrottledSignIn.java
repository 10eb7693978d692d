package io.meshdojo.account;

import io.meshdojo.web.ApiError;
import io.meshdojo.web.Language;
import io.meshdojo.web.LanguageChoice;
import io.meshdojo.web.Pages;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.jpa.runtime.JpaIdentityProvider;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every password check, from the sign-in form and from HTTP Basic alike, passes here first: an
 * account or address that failed too often lately is refused with 429 and {@code Retry-After}
 * before its password is even looked at; a failure is counted for both, a success clears the
 * account's count. The password itself is checked by the provider Quarkus generates for {@link
 * Account}.
 */
@ApplicationScoped
public class ThrottledSignIn implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private static final Logger LOG = Logger.getLogger(ThrottledSignIn.class);

  private final JpaIdentityProvider passwords;
  private final Throttle throttle;

  public ThrottledSignIn(JpaIdentityProvider passwords, Throttle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  /** Ahead of the generated provider (priority 1001), which would otherwise answer on its own. */
  @Override
  public int priority() {
    return 2000;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
    String address = http == null ? "unknown" : http.request().remoteAddress().hostAddress();
    Throttle.Limit account = throttle.accountSignInFailures(request.getUsername());
    Throttle.Limit from = throttle.addressSignInFailures(address);
    return context.runBlocking(
        () -> {
          throttle
              .retryAfter(account, from)
              .ifPresent(
                  wait -> {
                    LOG.warnf(
                        "Sign-in as '%s' from %s refused for %d s: too many failed sign-ins",
                        request.getUsername(), address, wait.toSeconds());
                    throw new AuthenticationFailedException(
                        new TooManyAttemptsException("failed sign-ins", wait));
                  });
          SecurityIdentity identity;
          try {
            // already on a worker thread, where the generated provider checks the hash in place
            identity = passwords.authenticate(request, context).await().indefinitely();
          } catch (AuthenticationFailedException e) {
            throttle.record(account, from);
            throw e;
          }
          throttle.clear(account);
          return identity;
        });
  }

  /** Turns a refusal into 429 with {@code Retry-After}, before Quarkus would send a challenge. */
  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(this::answerThrottled);
  }

  private void answerThrottled(RoutingContext ctx) {
    TooManyAttemptsException throttled = find(ctx.failure());
    if (throttled == null) {
      AuthenticationFailedException failure =
          HttpSecurityUtils.getAuthenticationFailureFromEvent(ctx);
      throttled = failure == null ? null : find(failure);
    }
    if (throttled == null || ctx.response().ended()) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
    if (ctx.normalizedPath().endsWith("/j_security_check")) {
      Cookie chosen = ctx.request().getCookie(LanguageChoice.COOKIE);
      Language lang =
          chosen == null ? Language.EN : Language.fromCode(chosen.getValue()).orElse(Language.EN);
      ctx.response()
          .setStatusCode(429)
          .putHeader("Content-Type", "text/plain; charset=UTF-8")
          .end(Pages.messages(lang).throttled_text(String.valueOf(throttled.retryAfterMinutes())));
    } else {
      ApiError.send(ctx, 429, throttled.getMessage());
    }
  }

  private static TooManyAttemptsException find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TooManyAttemptsException throttled) {
        return throttled;
      }
    }
    return null;
  }
}
