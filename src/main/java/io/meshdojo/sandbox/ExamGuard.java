package io.meshdojo.sandbox;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place that enforces {@link DuringExam}: a fair exam gives no Check, hint, solution,
 * traffic picture or findings while it runs, and its sandbox is neither reset, extended nor ended
 * by the candidate (that would lose or stretch the attempt's work; grading ends it). Runs after
 * authentication and on the endpoint's own thread, so it may read the database; an anonymous caller
 * passes through to the endpoint's 401.
 */
public class ExamGuard {

  private final Sandboxes sandboxes;
  private final SecurityIdentity identity;

  public ExamGuard(Sandboxes sandboxes, SecurityIdentity identity) {
    this.sandboxes = sandboxes;
    this.identity = identity;
  }

  @ServerRequestFilter
  public void guard(ResourceInfo resource, ContainerRequestContext request) {
    DuringExam rule =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(DuringExam.class);
    if (rule == null || identity.isAnonymous()) {
      return;
    }
    String user = identity.getPrincipal().getName();
    switch (rule.refused()) {
      case WHILE_TAKING_AN_EXAM -> sandboxes.refuseDuringExam(user, rule.value());
      case ON_AN_ATTEMPTS_SANDBOX ->
          sandboxes.refuseOnExamSandbox(
              user, request.getUriInfo().getPathParameters().getFirst("id"), rule.value());
    }
  }
}
