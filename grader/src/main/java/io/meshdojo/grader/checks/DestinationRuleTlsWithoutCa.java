package io.meshdojo.grader.checks;

import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** istioctl IST0128/IST0129: SIMPLE or MUTUAL TLS origination without caCertificates. */
public final class DestinationRuleTlsWithoutCa implements Check {

  @Override
  public String id() {
    return "dr-tls-without-ca";
  }

  @Override
  public String description() {
    return "A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates or credentialName, so the server is not verified.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("DestinationRule");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0208");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("DestinationRule")) {
      var spec = r.as(DestinationRule.class).getSpec();
      if (spec == null) {
        continue;
      }
      List<TrafficPolicy> policies = new ArrayList<>();
      policies.add(spec.getTrafficPolicy());
      if (spec.getSubsets() != null) {
        spec.getSubsets().forEach(s -> policies.add(s.getTrafficPolicy()));
      }
      for (TrafficPolicy tp : policies) {
        if (tp == null) {
          continue;
        }
        List<ClientTLSSettings> tls = new ArrayList<>();
        tls.add(tp.getTls());
        if (tp.getPortLevelSettings() != null) {
          tp.getPortLevelSettings().forEach(p -> tls.add(p.getTls()));
        }
        for (ClientTLSSettings t : tls) {
          if (t != null
              && (t.getMode() == ClientTLSSettingsTLSmode.SIMPLE
                  || t.getMode() == ClientTLSSettingsTLSmode.MUTUAL)
              && t.getCaCertificates() == null
              && t.getCredentialName() == null
              && !Boolean.TRUE.equals(t.getInsecureSkipVerify())) {
            out.add(
                Finding.of("MDJ0208", r.ref(), "mode", t.getMode().name(), "host", spec.getHost()));
          }
        }
      }
    }
    return out;
  }
}
