package io.meshdojo.sandbox;

import io.meshdojo.sandbox.embedded.KubeException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Who may use a sandbox's Kubernetes API: the bearer of its kubeconfig token, while it is live. */
@ApplicationScoped
public class SandboxAuthenticator {

  private final SandboxSessionRepository sessions;
  private final Sandboxes sandboxes;

  public SandboxAuthenticator(SandboxSessionRepository sessions, Sandboxes sandboxes) {
    this.sessions = sessions;
    this.sandboxes = sandboxes;
  }

  /**
   * The live session a kubeconfig token belongs to.
   *
   * @throws KubeException 401 with a sentence saying why
   */
  public SandboxSession authenticate(String sandboxId, String token) {
    SandboxSession s = sessionOfToken(token);
    if (s == null || !s.id.equals(sandboxId)) {
      throw KubeException.unauthorized("this token is not valid for this sandbox");
    }
    return live(s);
  }

  /** The live sandbox a token belongs to, for requests that name no sandbox (kubectl --raw). */
  public SandboxSession authenticate(String token) {
    SandboxSession s = sessionOfToken(token);
    if (s == null) {
      throw KubeException.unauthorized("this token is not valid for any sandbox");
    }
    return live(s);
  }

  /** Why a session's sandbox no longer answers, or empty while it is live. */
  public Optional<String> whyGone(String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SandboxSession s = sessions.findByIdOptional(id).orElse(null);
              if (s == null) {
                return Optional.of("this sandbox no longer exists");
              }
              return s.live(Instant.now()) ? Optional.empty() : Optional.of(s.goneReason());
            });
  }

  private SandboxSession sessionOfToken(String token) {
    if (token == null || token.isBlank()) {
      throw KubeException.unauthorized(
          "a bearer token is required: use the kubeconfig of your sandbox");
    }
    SandboxSession found =
        QuarkusTransaction.requiringNew()
            .call(() -> sessions.findByTokenHash(SandboxTokens.hash(token)).orElse(null));
    return found == null ? null : sandboxes.observed(found);
  }

  private static SandboxSession live(SandboxSession s) {
    if (!s.live(Instant.now())) {
      throw KubeException.unauthorized(s.goneReason());
    }
    return s;
  }
}
