package io.meshdojo.sandbox.kind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One step of an {@link InstallPlan}: something applied, installed, or waited for. */
public sealed interface InstallStep {

  /** A line for progress reports and errors, e.g. {@code helm install istiod (istio/istiod)}. */
  String describe();

  /** {@code helm repo add}: where the charts come from (a mirror in an air-gapped workshop). */
  record AddHelmRepo(String name, String url) implements InstallStep {
    @Override
    public String describe() {
      return "helm repo add " + name + " " + url;
    }
  }

  /** A namespace, with labels (e.g. {@code istio-injection=enabled}); idempotent. */
  record CreateNamespace(String name, Map<String, String> labels) implements InstallStep {
    public CreateNamespace {
      labels = Map.copyOf(labels);
    }

    @Override
    public String describe() {
      return "namespace " + name + (labels.isEmpty() ? "" : " " + new TreeMap<>(labels));
    }
  }

  /**
   * {@code helm install} of a chart at a pinned version: {@code istio/<chart>} from the added
   * repository, or a full {@code oci://} reference.
   */
  record HelmInstall(
      String release,
      String chart,
      String version,
      String namespace,
      String valuesFile,
      List<String> sets)
      implements InstallStep {

    /** A release with its values file only. */
    HelmInstall(String release, String chart, String version, String namespace, String values) {
      this(release, chart, version, namespace, values, List.of());
    }

    @Override
    public String describe() {
      return "helm install " + release + " (" + chart + " " + version + ") in " + namespace;
    }
  }

  /**
   * {@code kubectl apply -f} of a file or directory under the infra directory; {@code namespace} is
   * null for manifests that carry their own namespaces.
   */
  record Apply(String path, String namespace) implements InstallStep {
    @Override
    public String describe() {
      return "apply " + path + (namespace == null ? "" : " in " + namespace);
    }
  }

  /**
   * {@code kubectl wait --for=condition=<condition>} on a resource by name, by selector, or on all
   * of its kind ({@code name} and {@code selector} both null). {@code namespace} is null for
   * cluster-scoped resources. Objects that do not exist yet are waited for too (operators create
   * Deployments some time after their custom resource is applied).
   */
  record WaitFor(
      String namespace,
      String resource,
      String name,
      String selector,
      String condition,
      Duration timeout)
      implements InstallStep {
    @Override
    public String describe() {
      String what =
          name != null
              ? resource + "/" + name
              : selector != null ? resource + " -l " + selector : "every " + resource;
      return "wait for "
          + what
          + (namespace == null ? "" : " in " + namespace)
          + " to be "
          + condition
          + " (up to "
          + timeout.toSeconds()
          + "s)";
    }
  }
}
