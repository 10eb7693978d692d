package io.meshdojo.grader.checks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * istioctl IST0103: a Deployment's pods run without the proxy that a pod created now would get.
 * Injection happens only when a pod is created, so pods older than the label keep running bare.
 */
public final class PodMissingProxy implements Check {

  @Override
  public String id() {
    return "pod-missing-proxy";
  }

  @Override
  public String description() {
    return "A Deployment's pods run without the Istio proxy that a new pod would get, because they were created before injection applied to them.";
  }

  @Override
  public Set<String> reads() {
    return Check.withWorkloads();
  }

  @Override
  public Set<String> codes() {
    return Set.of("MDJ0213");
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (Resource r : ctx.of("Deployment")) {
      var template = r.as(Deployment.class).getSpec().getTemplate();
      if (template == null || template.getMetadata() == null) {
        continue;
      }
      Map<String, String> labels = orEmpty(template.getMetadata().getLabels());
      Map<String, String> annotations = orEmpty(template.getMetadata().getAnnotations());
      if (!ctx.newPodGetsSidecar(r.namespace(), labels, annotations)) {
        continue;
      }
      List<Pod> bare = ctx.pods(r).stream().filter(p -> !Mesh.runsProxy(p)).toList();
      if (!bare.isEmpty()) {
        out.add(
            Finding.of(
                "MDJ0213",
                r.ref(),
                "pod",
                bare.get(0).getMetadata().getName(),
                "count",
                String.valueOf(bare.size()),
                "deployment",
                r.name(),
                "namespace",
                r.namespace()));
      }
    }
    return out;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
