package io.meshdojo.grader.model.slime;

import java.util.Map;

/** Spec of a Slime {@code ServiceFence} ({@code microservice.slime.io/v1alpha1}, lazyload). */
public record ServiceFenceSpec(
    Boolean enable,
    Map<String, HostPolicy> host,
    Map<String, String> namespaceSelector,
    Map<String, String> labelSelector,
    WorkloadSelector workloadSelector) {

  /** Per-host retention policy: stable, or a deadline. */
  public record HostPolicy(Map<String, Object> stable, Deadline deadline) {}

  /** Expiry of a host. */
  public record Deadline(String expire) {}

  /** Which workloads the fence covers. */
  public record WorkloadSelector(Boolean fromService, Map<String, String> labels) {}
}
