package io.meshdojo.grader.checks;

import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Not in istioctl: a principal names a service account no workload runs as. */
public final class PrincipalWithoutServiceAccount implements Check {

  private static final Pattern PRINCIPAL = Pattern.compile("([^/]+)/ns/([^/]+)/sa/([^/*]+)");

  @Override
  public String id() {
    return "ap-principal-without-service-account";
  }

  @Override
  public String description() {
    return "An AuthorizationPolicy principal names a namespace/service account that no workload uses.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("AuthorizationPolicy");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0304");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    Set<String> accounts = new HashSet<>();
    for (Workload w : ctx.workloads()) {
      accounts.add(w.namespace() + "/" + w.serviceAccount());
    }
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("AuthorizationPolicy")) {
      var spec = r.as(AuthorizationPolicy.class).getSpec();
      if (spec == null || spec.getRules() == null) {
        continue;
      }
      for (var rule : spec.getRules()) {
        if (rule == null || rule.getFrom() == null) {
          continue;
        }
        for (var from : rule.getFrom()) {
          if (from.getSource() == null) {
            continue;
          }
          List<String> all = new ArrayList<>();
          if (from.getSource().getPrincipals() != null) {
            all.addAll(from.getSource().getPrincipals());
          }
          if (from.getSource().getNotPrincipals() != null) {
            all.addAll(from.getSource().getNotPrincipals());
          }
          for (String p : all) {
            Matcher m = PRINCIPAL.matcher(p);
            if (m.matches() && !accounts.contains(m.group(2) + "/" + m.group(3))) {
              out.add(
                  Finding.of(
                      "MDJ0304",
                      r.ref(),
                      "principal",
                      p,
                      "serviceAccount",
                      m.group(2) + "/" + m.group(3)));
            }
          }
        }
      }
    }
    return out;
  }
}
