package io.meshdojo.grader.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Istio's sidecar injection webhook deciding about one new Pod: which of the mutating webhooks of
 * an Istio 1.26 install matches (by their namespace and object selectors) and whether the injector
 * then injects. The embedded sandbox's controllers inject by it, and the grader uses it for a
 * Deployment whose pods it cannot see (graded files), so both read injection the same way.
 */
public final class SidecarInjection {

  public static final String INJECT = "sidecar.istio.io/inject";
  public static final String REV = "istio.io/rev";

  private static final Set<String> IGNORED_NAMESPACES = Set.of("kube-system", "kube-public");
  private static final Set<String> YES = Set.of("y", "yes", "true", "on");

  private SidecarInjection() {}

  /**
   * @param revision the revision whose webhook injects, null when none does
   * @param why when the pod was meant for a revision that does not exist, why it got no sidecar
   */
  public record Decision(String revision, String why) {
    static Decision none() {
      return new Decision(null, null);
    }

    /** Whether the pod gets a sidecar. */
    public boolean injected() {
      return revision != null;
    }
  }

  /**
   * The webhooks of the default revision and of each revision {@code R} match, in turn: namespace
   * {@code istio-injection=enabled} (default); namespace {@code istio.io/rev=R} without {@code
   * istio-injection}; neither namespace label and pod label {@code istio.io/rev=R}; neither and pod
   * label {@code sidecar.istio.io/inject=true} (default). None matches a pod labelled {@code
   * sidecar.istio.io/inject=false}. The injector then reads the pod's label, or else its
   * annotation, {@code sidecar.istio.io/inject}: empty injects (policy {@code enabled}), a yes
   * injects, anything else does not.
   *
   * @param revisions the revisions an istiod serves
   */
  public static Decision decide(
      String namespace,
      Map<String, String> namespaceLabels,
      Map<String, String> podLabels,
      Map<String, String> podAnnotations,
      boolean hostNetwork,
      Set<String> revisions) {
    if (IGNORED_NAMESPACES.contains(namespace) || hostNetwork) {
      return Decision.none();
    }
    String podInject = podLabels.get(INJECT);
    if ("false".equals(podInject)) {
      return Decision.none();
    }
    String revision;
    String nsInjection = namespaceLabels.get("istio-injection");
    if (nsInjection != null) {
      revision = nsInjection.equals("enabled") ? "default" : null;
    } else if (namespaceLabels.containsKey(REV)) {
      revision = namespaceLabels.get(REV);
    } else if (podLabels.containsKey(REV)) {
      revision = podLabels.get(REV);
    } else {
      revision = "true".equals(podInject) ? "default" : null;
    }
    if (revision == null) {
      return Decision.none();
    }
    if (!revisions.contains(revision)) {
      return new Decision(
          null,
          "No sidecar injected: no istiod in istio-system serves revision \""
              + revision
              + "\" (revisions here: "
              + String.join(", ", revisions.stream().sorted().toList())
              + ")");
    }
    String asked = podInject != null ? podInject : podAnnotations.getOrDefault(INJECT, "");
    if (!asked.isEmpty() && !YES.contains(asked.toLowerCase(Locale.ROOT))) {
      return Decision.none();
    }
    return new Decision(revision, null);
  }
}
