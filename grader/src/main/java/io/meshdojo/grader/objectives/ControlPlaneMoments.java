package io.meshdojo.grader.objectives;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshdojo.grader.api.ControlPlaneHistory;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@link ControlPlaneHistory.Moment} one state of the grader's model stands for. */
public final class ControlPlaneMoments {

  private ControlPlaneMoments() {}

  /** The moment the grader's model of one state stands for. */
  public static ControlPlaneHistory.Moment of(Mesh mesh) {
    Map<String, String> revisions = mesh.istiodVersions();
    List<ControlPlaneHistory.Proxy> proxies = new ArrayList<>();
    for (Resource r : mesh.of("Deployment")) {
      if (r.namespace().equals(Mesh.ROOT_NAMESPACE)) {
        continue;
      }
      String id = r.namespace() + "/" + r.name();
      List<Pod> pods = mesh.podsOf(r.namespace(), r.as(Deployment.class));
      if (pods.isEmpty()) {
        Workload w = mesh.workload(id).orElse(null);
        if (w != null) {
          String rev = w.sidecar() ? mesh.proxyRevision(w) : null;
          proxies.add(
              new ControlPlaneHistory.Proxy(
                  id, "", rev, rev == null ? "" : revisions.getOrDefault(rev, "")));
        }
        continue;
      }
      for (Pod p : pods) {
        Container proxy =
            p.getSpec() == null || p.getSpec().getContainers() == null
                ? null
                : p.getSpec().getContainers().stream()
                    .filter(c -> "istio-proxy".equals(c.getName()))
                    .findFirst()
                    .orElse(null);
        String rev = proxy == null ? null : mesh.podRevision(p);
        proxies.add(
            new ControlPlaneHistory.Proxy(
                id,
                p.getMetadata().getName(),
                rev,
                proxy == null ? "" : Mesh.imageTag(proxy.getImage())));
      }
    }
    return new ControlPlaneHistory.Moment(
        Map.copyOf(revisions), Map.copyOf(mesh.revisionTags()), List.copyOf(proxies));
  }
}
