package io.meshdojo.grader.model.slime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Spec of a Slime {@code ServiceFence} ({@code microservice.slime.io/v1alpha1}, lazyload module;
 * {@code modules/lazyload/api/v1alpha1/service_fence.proto}): {@code host} names static
 * dependencies ({@code svc.ns.svc.cluster.local} or {@code ns/*}), {@code namespaceSelector} whole
 * namespaces, {@code labelSelector} the services matching any one selector.
 */
public record ServiceFenceSpec(
    Boolean enable,
    Map<String, HostPolicy> host,
    List<String> namespaceSelector,
    List<Selector> labelSelector,
    WorkloadSelector workloadSelector) {

  /** Per-host retention policy: stable, or a deadline ({@code auto} is deprecated). */
  public record HostPolicy(
      Map<String, Object> stable,
      Deadline deadline,
      Map<String, Object> auto,
      @JsonProperty("RecentlyCalled") Map<String, Object> recentlyCalled) {}

  /** Expiry of a host. */
  public record Deadline(Map<String, Object> expire) {}

  /** Services whose labels hold every pair of {@code selector}. */
  public record Selector(Map<String, String> selector) {}

  /** Which workloads the fence covers. */
  public record WorkloadSelector(Boolean fromService, Map<String, String> labels) {}
}
