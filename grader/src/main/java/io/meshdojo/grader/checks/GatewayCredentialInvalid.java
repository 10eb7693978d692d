package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * istioctl IST0161 InvalidGatewayCredential (and IST0101 for a missing secret): a Gateway server's
 * {@code credentialName} is looked up in the namespace of the gateway's pods, wherever the Gateway
 * lives, and needs {@code tls.crt}/{@code tls.key} (MUTUAL also a CA).
 */
public final class GatewayCredentialInvalid implements Check {

  @Override
  public String id() {
    return "gateway-credential-invalid";
  }

  @Override
  public String description() {
    return "A Gateway server's credential is missing from the gateway pods' namespace or lacks the keys its TLS mode needs.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads("Gateway", "Secret");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0212");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("Gateway")) {
      Map<?, ?> spec = r.raw().get("spec") instanceof Map<?, ?> m ? m : Map.of();
      @SuppressWarnings("unchecked")
      Map<String, String> selector =
          spec.get("selector") instanceof Map<?, ?> s ? (Map<String, String>) s : null;
      if (selector == null
          || selector.isEmpty()
          || !(spec.get("servers") instanceof List<?> servers)) {
        continue;
      }
      Set<String> podNamespaces = new LinkedHashSet<>();
      for (Workload w : ctx.selecting(null, selector)) {
        podNamespaces.add(w.namespace());
      }
      for (int i = 0; i < servers.size(); i++) {
        Map<?, ?> tls =
            servers.get(i) instanceof Map<?, ?> s && s.get("tls") instanceof Map<?, ?> t
                ? t
                : Map.of();
        String mode = tls.get("mode") instanceof String m ? m.toUpperCase(Locale.ROOT) : "";
        if (!(tls.get("credentialName") instanceof String credential)
            || !List.of("SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL").contains(mode)) {
          continue;
        }
        boolean mutual = !mode.equals("SIMPLE");
        for (String ns : podNamespaces) {
          String missing = ctx.credentialMissing(ns, credential, mutual);
          if (missing != null) {
            out.add(
                Finding.of(
                    "MDJ0212",
                    r.ref(),
                    "server",
                    "spec.servers[" + i + "]",
                    "mode",
                    mode,
                    "credential",
                    credential,
                    "missing",
                    missing,
                    "namespace",
                    ns));
          }
        }
      }
    }
    return out;
  }
}
