package io.meshdojo.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a disabled account's credentials, whichever way they come (HTTP Basic, the sign-in form,
 * a session cookie): the identity fails to authenticate, so the API answers 401 and the pages send
 * the visitor to the sign-in page. Disabling also signs the account out, so its cookies end at
 * once.
 */
@ApplicationScoped
public class DisabledAccounts implements SecurityIdentityAugmentor {

  private final AccountService accounts;

  public DisabledAccounts(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    String username = identity.getPrincipal().getName();
    return context.runBlocking(
        () -> {
          if (accounts.disabled(username)) {
            throw new AuthenticationFailedException("account " + username + " is disabled");
          }
          return identity;
        });
  }
}
