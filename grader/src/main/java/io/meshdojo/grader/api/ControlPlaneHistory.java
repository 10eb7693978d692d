package io.meshdojo.grader.api;

import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.objectives.ControlPlaneMoments;
import java.util.List;
import java.util.Map;

/**
 * A sandbox's control plane over time, as the grader reads it: a sequence of {@link Moment}s, each
 * what the objects said right after one write (which revisions an istiod served, where the tags
 * pointed, which revision and version each workload pod's proxy belonged to). It is backend
 * neutral: the embedded sandbox records a moment after every write that touches pods, istiod or the
 * injection webhooks; graded files and a live cluster give only their end state, one moment. The
 * last moment is always the graded state itself.
 */
public final class ControlPlaneHistory {

  private ControlPlaneHistory() {}

  /**
   * One pod's proxy: {@code workload} is {@code ns/name}; {@code pod} is "" for a pod the
   * Deployment's template would get now (graded files hold no pods); {@code revision} null when the
   * pod runs no proxy; {@code version} its image's tag ("" without a proxy).
   */
  public record Proxy(String workload, String pod, String revision, String version) {

    public String namespace() {
      return workload.substring(0, workload.indexOf('/'));
    }
  }

  /**
   * @param revisions revision ("default" for the unrevisioned one) → the version its istiod runs
   * @param tags revision tag → the revision its webhook injects with
   * @param proxies every pod of every Deployment (outside istio-system), in input order
   */
  public record Moment(
      Map<String, String> revisions, Map<String, String> tags, List<Proxy> proxies) {

    /** Whether a proxy's revision has an istiod at this moment. */
    public boolean served(Proxy p) {
      return p.revision() != null && revisions.containsKey(p.revision());
    }
  }

  /**
   * The moment a sandbox's objects (plain maps, as its store holds them) stand for; kinds the
   * grader does not model are left out.
   */
  public static Moment moment(List<Map<String, Object>> objects) {
    return ControlPlaneMoments.of(new Mesh(Grader.readModelled(objects).resources()));
  }
}
