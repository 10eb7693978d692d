package io.meshdojo.grader.checks;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * istioctl IST0130: an http rule after a catch-all rule (one without match, or with a match block
 * that restricts nothing) can never be used.
 */
public final class UnreachableRule implements Check {

  @Override
  public String id() {
    return "vs-unreachable-rule";
  }

  @Override
  public String description() {
    return "An http rule comes after a rule that matches every request, so it is never used.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("VirtualService");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0205");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("VirtualService")) {
      List<HTTPRoute> rules = VsSupport.http(r);
      for (int i = 0; i < rules.size() - 1; i++) {
        if (catchAll(rules.get(i))) {
          out.add(
              Finding.of(
                  "MDJ0205",
                  r.ref(),
                  "rule",
                  VsSupport.ruleName(rules.get(i + 1), i + 1),
                  "earlier",
                  VsSupport.ruleName(rules.get(i), i)));
          break;
        }
      }
    }
    return out;
  }

  static boolean catchAll(HTTPRoute rule) {
    if (rule.getMatch() == null || rule.getMatch().isEmpty()) {
      return true;
    }
    for (HTTPMatchRequest m : rule.getMatch()) {
      if (m.getUri() == null
          && m.getMethod() == null
          && m.getAuthority() == null
          && m.getScheme() == null
          && (m.getHeaders() == null || m.getHeaders().isEmpty())
          && (m.getWithoutHeaders() == null || m.getWithoutHeaders().isEmpty())
          && (m.getQueryParams() == null || m.getQueryParams().isEmpty())
          && m.getPort() == null
          && m.getSourceLabels() == null
          && m.getSourceNamespace() == null
          && (m.getGateways() == null || m.getGateways().isEmpty())) {
        return true;
      }
    }
    return false;
  }
}
