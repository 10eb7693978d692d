package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.Workloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kube-controller-manager's replicaset controller: a ReplicaSet has as many Pods as it asks for (at
 * most {@link Workloads#MAX_PODS}), named {@code <replicaset>-<5 characters>}; a Pod deleted by
 * hand is replaced, extra Pods go newest first.
 */
@ApplicationScoped
public class ReplicaSetController implements Controller {

  @Override
  public boolean watches(Change change) {
    if (change.is("apps", "ReplicaSet")) {
      return !change.deleted();
    }
    return change.is("", "Pod")
        && change.deleted()
        && change.controllerRef().path("kind").asText().equals("ReplicaSet");
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    String name =
        change.is("apps", "ReplicaSet")
            ? change.name()
            : change.controllerRef().path("name").asText();
    ObjectNode rs = cluster.find(Cluster.REPLICASETS, change.namespace(), name).orElse(null);
    if (rs == null) {
      return;
    }
    String ns = change.namespace();
    String uid = rs.path("metadata").path("uid").asText();
    List<ObjectNode> pods =
        new ArrayList<>(cluster.list(Cluster.PODS, ns, p -> Owners.controlledBy(p, uid)));
    int wanted = Workloads.simulatedReplicas(rs);
    for (int i = pods.size(); i < wanted; i++) {
      ObjectNode pod = cluster.create(Cluster.PODS, ns, pod(cluster, rs));
      Events.normal(
          cluster,
          rs,
          "SuccessfulCreate",
          "Created pod: " + pod.path("metadata").path("name").asText(),
          "replicaset-controller");
    }
    if (pods.size() < wanted && rs.path("spec").path("replicas").asInt(1) > wanted) {
      Events.warning(
          cluster,
          rs,
          "FailedCreate",
          "The embedded sandbox simulates at most " + Workloads.MAX_PODS + " pods per ReplicaSet",
          "replicaset-controller");
    }
    pods.sort(
        Comparator.comparing(
                (ObjectNode p) -> p.path("metadata").path("creationTimestamp").asText())
            .thenComparing(p -> p.path("metadata").path("name").asText())
            .reversed());
    for (int i = 0; i < pods.size() - wanted; i++) {
      String pod = pods.get(i).path("metadata").path("name").asText();
      cluster.delete(Cluster.PODS, ns, pod);
      Events.normal(
          cluster, rs, "SuccessfulDelete", "Deleted pod: " + pod, "replicaset-controller");
    }
  }

  private static ObjectNode pod(Cluster cluster, ObjectNode rs) {
    JsonNode template = rs.path("spec").path("template");
    String ns = rs.path("metadata").path("namespace").asText();
    String base = rs.path("metadata").path("name").asText() + "-";
    String name = base + Workloads.randomSuffix();
    while (cluster.find(Cluster.PODS, ns, name).isPresent()) {
      name = base + Workloads.randomSuffix();
    }
    ObjectNode pod = Cluster.JSON.objectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", name);
    meta.put("generateName", base);
    meta.put("namespace", ns);
    for (String field : List.of("labels", "annotations")) {
      if (template.path("metadata").path(field).isObject()) {
        meta.set(field, template.path("metadata").path(field).deepCopy());
      }
    }
    Owners.setController(pod, rs);
    pod.set(
        "spec",
        template.path("spec").isObject()
            ? template.path("spec").deepCopy()
            : Cluster.JSON.objectNode());
    return pod;
  }
}
