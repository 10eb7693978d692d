package io.meshdojo.grader.api;

import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.mesh.Lazyload;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.mesh.Workload;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.objectives.Lab;
import io.meshdojo.grader.objectives.Objective;
import io.meshdojo.grader.objectives.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The grader's side of Slime's lazyload module ({@link Lazyload}) in an environment that runs
 * Slime: the objects are graded as Slime keeps them (its fences and rendered Sidecars, whatever the
 * sandbox or the files held of them), and the objectives without probes are decided after the lab's
 * probes were sent once, each call that went through the global-sidecar learned into its fence, as
 * Slime's controller learns it from the global-sidecar's access log.
 */
final class SlimeLazyload {

  private SlimeLazyload() {}

  /** The objects with the fences and Sidecars Slime keeps for them. */
  static List<Resource> settle(List<Resource> state) {
    List<Map<String, Object>> namespaces = new ArrayList<>();
    List<Map<String, Object>> services = new ArrayList<>();
    List<Map<String, Object>> fences = new ArrayList<>();
    for (Resource r : state) {
      if (r.is("Namespace")) {
        namespaces.add(r.raw());
      } else if (r.is("Service")) {
        services.add(r.raw());
      } else if (r.is("ServiceFence")) {
        fences.add(r.raw());
      }
    }
    Lazyload.Plan plan = Lazyload.plan(namespaces, services, fences);
    List<Map<String, Object>> added = new ArrayList<>(plan.fences());
    added.removeAll(fences);
    added.addAll(plan.sidecars());
    if (added.isEmpty() && fences.isEmpty()) {
      return state;
    }
    List<Resource> out = new ArrayList<>();
    for (Resource r : state) {
      boolean slimes =
          (r.is("ServiceFence") && !plan.fences().contains(r.raw()))
              || (r.is("Sidecar") && Lazyload.ownedByFence(r.raw()))
              || (r.is("Sidecar") && rendered(plan, r));
      if (!slimes) {
        out.add(r);
      }
    }
    out.addAll(ResourceIntake.readObjects("slime-lazyload", added).resources());
    return out;
  }

  /** A Sidecar of the same name as one Slime renders: Slime's replaces it. */
  private static boolean rendered(Lazyload.Plan plan, Resource sidecar) {
    String id = sidecar.namespace() + "/" + sidecar.name();
    return plan.sidecars().stream().anyMatch(s -> Lazyload.id(s).equals(id));
  }

  /**
   * The settled objects after the lab's probes were each sent once on {@code router}: every host a
   * lazy-loaded proxy reached through the global-sidecar is a domain of its fence.
   */
  static List<Resource> afterCalls(List<Resource> settled, Lab lab, Router router) {
    Mesh mesh = router.mesh();
    Map<String, Set<String>> learned = new LinkedHashMap<>();
    for (Objective o : lab.objectives()) {
      if (o.kind() != Objective.Kind.BEHAVIOUR || o.probes() == null) {
        continue;
      }
      for (Probe p : o.probes()) {
        Optional<Workload> client = mesh.workload(p.from());
        if (p.dubbo() || p.gatewayPort() != null || client.isEmpty()) {
          continue;
        }
        List<Outcome> outcomes = router.route(p.request(), p.traffic());
        if (outcomes.stream().anyMatch(x -> x.via().contains(Lazyload.GLOBAL_SIDECAR_ID))) {
          Lazyload.fenceOf(mesh, client.get())
              .ifPresent(
                  f ->
                      learned
                          .computeIfAbsent(f, k -> new LinkedHashSet<>())
                          .add(Mesh.fqdn(p.host(), client.get().namespace())));
        }
      }
    }
    if (learned.isEmpty()) {
      return settled;
    }
    List<Resource> grown = new ArrayList<>();
    List<Map<String, Object>> fences = new ArrayList<>();
    for (Resource r : settled) {
      Set<String> hosts = learned.get(r.namespace() + "/" + r.name());
      if (r.is("ServiceFence") && hosts != null) {
        Map<String, Object> fence = new LinkedHashMap<>(r.raw());
        @SuppressWarnings("unchecked")
        Map<String, Object> status =
            fence.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        for (String h : hosts) {
          status = Lazyload.withDomain(status, h);
        }
        fence.put("status", status);
        fences.add(fence);
      } else {
        grown.add(r);
      }
    }
    grown.addAll(ResourceIntake.readObjects("slime-lazyload", fences).resources());
    return settle(grown);
  }
}
