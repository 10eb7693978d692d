package io.meshdojo.account;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Pages sign in with a form and a session cookie; the REST API takes HTTP Basic. Both mechanisms
 * accept credentials everywhere, but an unauthenticated API call must get a 401 with a Basic
 * challenge, not the form's redirect to the login page. This mechanism authenticates nobody: it
 * only answers the challenge under {@code /api/} and leaves every other path to the form.
 */
@ApplicationScoped
public class ApiChallenge implements HttpAuthenticationMechanism {

  private static final ChallengeData BASIC =
      new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"meshdojo\"");

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return isApi(context) ? Uni.createFrom().item(BASIC) : Uni.createFrom().nullItem();
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    if (!isApi(context)) {
      return Uni.createFrom().item(false);
    }
    return getChallenge(context)
        .map(
            challenge -> {
              context.response().setStatusCode(challenge.status);
              challenge.getHeaders().forEach((k, v) -> context.response().headers().set(k, v));
              return true;
            });
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of();
  }

  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 1000;
  }

  private static boolean isApi(RoutingContext context) {
    return context.normalizedPath().startsWith("/api/");
  }
}
