package io.meshdojo.grader.checks;

import io.fabric8.kubernetes.api.model.Namespace;
import io.meshdojo.grader.api.SidecarInjection;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace selects a control plane revision that no istiod serves: no webhook matches its pods,
 * so they start without a sidecar and nothing reports an error.
 */
public final class InjectionRevisionMissing implements Check {

  @Override
  public String id() {
    return "injection-revision-missing";
  }

  @Override
  public String description() {
    return "A namespace's istio.io/rev label names a revision no istiod serves, so its new pods get no sidecar.";
  }

  @Override
  public Set<String> reads() {
    return Set.of("Namespace", "Deployment", "MutatingWebhookConfiguration");
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0306");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    Set<String> served = ctx.servedRevisions();
    if (served.isEmpty()) {
      // No istiod modelled: nothing to compare the label with.
      return out;
    }
    for (Resource r : ctx.of("Namespace")) {
      Map<String, String> labels = r.as(Namespace.class).getMetadata().getLabels();
      if (labels == null
          || labels.containsKey("istio-injection")
          || !labels.containsKey(SidecarInjection.REV)) {
        continue;
      }
      String revision = labels.get(SidecarInjection.REV);
      if (!served.contains(revision)) {
        out.add(
            Finding.of(
                "MDJ0306",
                r.ref(),
                "namespace",
                r.name(),
                "revision",
                revision,
                "revisions",
                String.join(", ", served.stream().sorted().toList())));
      }
    }
    return out;
  }
}
