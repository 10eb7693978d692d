package io.meshdojo.grader.checks;

import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** istioctl IST0127: an AuthorizationPolicy (or PeerAuthentication) selector matches no pod. */
public final class SelectorMatchesNoWorkload implements Check {

  @Override
  public String id() {
    return "policy-selector-matches-nothing";
  }

  @Override
  public String description() {
    return "An AuthorizationPolicy or PeerAuthentication selector matches no workload, so the policy does nothing.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("AuthorizationPolicy", "PeerAuthentication");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0209");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("AuthorizationPolicy")) {
      var spec = r.as(AuthorizationPolicy.class).getSpec();
      Map<String, String> sel =
          spec == null || spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
      check(ctx, r, sel, out);
    }
    for (Resource r : ctx.of("PeerAuthentication")) {
      var spec = r.as(PeerAuthentication.class).getSpec();
      Map<String, String> sel =
          spec == null || spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
      check(ctx, r, sel, out);
    }
    return out;
  }

  private static void check(
      CheckContext ctx, Resource r, Map<String, String> sel, List<Finding> out) {
    if (sel == null || sel.isEmpty()) {
      return;
    }
    String ns = r.namespace().equals(Mesh.ROOT_NAMESPACE) ? null : r.namespace();
    if (ctx.selecting(ns, sel).isEmpty()) {
      out.add(
          Finding.of(
              "MDJ0209",
              r.ref(),
              "selector",
              sel.toString(),
              "namespace",
              r.namespace(),
              "labels",
              GatewayPortNotOnService.labels(sel)));
    }
  }
}
