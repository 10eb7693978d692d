package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.SlimeFences;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slime 0.9's lazyload module, where the environment installs Slime ({@link SlimeFences} holds the
 * rules, shared with the grader). On every change of a Namespace, Service, ServiceFence or Sidecar
 * it keeps: the fences Slime creates for Services labelled {@code slime.io/serviceFenced: "true"}
 * (or in a namespace so labelled), removing the ones it created when the label goes; and for each
 * enabled fence the Sidecar of the same name it owns, rendered from the fence's spec and its
 * learned {@code status.domains} (a Sidecar edited by hand is put back). The domains are learned
 * from the simulated data plane: a request that a lazy-loaded proxy sends through the
 * global-sidecar adds its host to the fence ({@link #learn}), as Slime learns it from the
 * global-sidecar's access log.
 */
@ApplicationScoped
public class LazyloadController implements Controller {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  @Override
  public boolean watches(Change change) {
    return change.is("", "Namespace")
        || change.is("", "Service")
        || change.is("microservice.slime.io", "ServiceFence")
        || (change.is("networking.istio.io", "Sidecar") && !change.event().equals("ADDED"));
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    if (!cluster.hasAddon("slime")) {
      return;
    }
    SlimeFences.Plan plan = plan(cluster);
    for (ObjectNode fence : cluster.list(Cluster.SERVICEFENCES, null, o -> true)) {
      if (plan.fences().stream().noneMatch(f -> same(f, fence))) {
        cluster.delete(Cluster.SERVICEFENCES, namespace(fence), name(fence));
      }
    }
    for (Map<String, Object> f : plan.fences()) {
      String id = SlimeFences.id(f);
      String[] parts = id.split("/", 2);
      if (cluster.find(Cluster.SERVICEFENCES, parts[0], parts[1]).isEmpty()) {
        cluster.create(Cluster.SERVICEFENCES, parts[0], MAPPER.valueToTree(f));
      }
    }
    // Again, now that every fence has its uid for the owner references.
    plan = plan(cluster);
    for (Map<String, Object> s : plan.sidecars()) {
      ObjectNode wanted = MAPPER.valueToTree(s);
      String ns = namespace(wanted);
      Optional<ObjectNode> existing = cluster.find(Cluster.SIDECARS, ns, name(wanted));
      if (existing.isEmpty()) {
        cluster.create(Cluster.SIDECARS, ns, wanted);
        continue;
      }
      if (!existing.get().path("spec").equals(wanted.path("spec"))) {
        cluster.replaceSpec(Cluster.SIDECARS, ns, name(wanted), wanted.path("spec"));
      }
      JsonNode owners = wanted.path("metadata").path("ownerReferences");
      if (!existing.get().path("metadata").path("ownerReferences").equals(owners)) {
        ObjectNode patch = Cluster.JSON.objectNode();
        patch.putObject("metadata").set("ownerReferences", owners);
        cluster.patch(Cluster.SIDECARS, ns, name(wanted), patch);
      }
    }
    for (ObjectNode sidecar : cluster.list(Cluster.SIDECARS, null, o -> true)) {
      boolean planned =
          plan.sidecars().stream().anyMatch(s -> SlimeFences.id(s).equals(id(sidecar)));
      if (!planned && SlimeFences.ownedByFence(tree(sidecar))) {
        cluster.delete(Cluster.SIDECARS, namespace(sidecar), name(sidecar));
      }
    }
  }

  /**
   * Adds the hosts a fence's proxy reached through the global-sidecar to its {@code
   * status.domains}; the fence's Sidecar grows in the same transaction.
   *
   * @param fence {@code namespace/name}
   */
  public static void learn(Cluster cluster, String fence, List<String> hosts) {
    String[] parts = fence.split("/", 2);
    cluster
        .find(Cluster.SERVICEFENCES, parts[0], parts[1])
        .ifPresent(
            f -> {
              Map<String, Object> status = tree(f.path("status"));
              Map<String, Object> grown = status;
              for (String h : hosts) {
                grown = SlimeFences.withDomain(grown, h);
              }
              if (!grown.equals(status)) {
                cluster.writeStatus(
                    Cluster.SERVICEFENCES, parts[0], parts[1], MAPPER.valueToTree(grown));
              }
            });
  }

  private static SlimeFences.Plan plan(Cluster cluster) {
    return SlimeFences.plan(
        trees(cluster.list(Cluster.NAMESPACES, null, o -> true)),
        trees(cluster.list(Cluster.SERVICES, null, o -> true)),
        trees(cluster.list(Cluster.SERVICEFENCES, null, o -> true)));
  }

  private static boolean same(Map<String, Object> planned, ObjectNode stored) {
    return SlimeFences.id(planned).equals(id(stored));
  }

  private static List<Map<String, Object>> trees(List<ObjectNode> objects) {
    return objects.stream().map(LazyloadController::tree).toList();
  }

  private static Map<String, Object> tree(JsonNode node) {
    return node.isObject() ? MAPPER.convertValue(node, TREE) : new HashMap<>();
  }

  private static String id(JsonNode o) {
    return namespace(o) + "/" + name(o);
  }

  private static String namespace(JsonNode o) {
    return o.path("metadata").path("namespace").asText();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}
