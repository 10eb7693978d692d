package io.meshdojo.sandbox.kind;

import java.util.List;
import java.util.Optional;

/**
 * Where sandbox clusters physically live. The pool, queue and lifetime rules of {@link ClusterPool}
 * only talk to this; the real one runs kind containers ({@link KindClusterRuntime}).
 */
public interface ClusterRuntime {

  /**
   * Creates a cluster labelled with {@code id}, installs {@code environment} into it and returns
   * once it is ready. Slow (minutes); called off the request thread. On failure the runtime has
   * already removed what it started.
   */
  ClusterHandle create(String id, String environment) throws Exception;

  /** Removes the cluster; unknown ids are ignored. */
  void destroy(String id);

  /** Ids of every cluster this backend labelled that still exists, including earlier runs'. */
  List<String> list();

  /** The install step a cluster being created is at, if the runtime reports steps. */
  default Optional<InstallPlanRunner.Progress> progress(String id) {
    return Optional.empty();
  }

  /** A ready cluster: its id and an admin kubeconfig for it. */
  record ClusterHandle(String id, String kubeconfig) {}
}
