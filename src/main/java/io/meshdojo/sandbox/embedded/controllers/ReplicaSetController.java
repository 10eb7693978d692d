package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
    if (change.is("admissionregistration.k8s.io", "MutatingWebhookConfiguration")
        || change.is("", "Namespace")
        || change.is("", "Service")) {
      // What decides admission changed: a ReplicaSet whose Pods were refused tries again, as the
      // real controller does after its backoff.
      return true;
    }
    return change.is("", "Pod")
        && change.deleted()
        && change.controllerRef().path("kind").asText().equals("ReplicaSet");
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    if (!change.is("apps", "ReplicaSet") && !change.is("", "Pod")) {
      for (ObjectNode rs : cluster.list(Cluster.REPLICASETS, null, r -> true)) {
        if (Workloads.simulatedReplicas(rs) > 0) {
          replicaSet(
              cluster,
              rs.path("metadata").path("namespace").asText(),
              rs.path("metadata").path("name").asText());
        }
      }
      return;
    }
    String name =
        change.is("apps", "ReplicaSet")
            ? change.name()
            : change.controllerRef().path("name").asText();
    replicaSet(cluster, change.namespace(), name);
  }

  private void replicaSet(Cluster cluster, String ns, String name) {
    ObjectNode rs = cluster.find(Cluster.REPLICASETS, ns, name).orElse(null);
    if (rs == null) {
      return;
    }
    String uid = rs.path("metadata").path("uid").asText();
    List<ObjectNode> pods =
        new ArrayList<>(cluster.list(Cluster.PODS, ns, p -> Owners.controlledBy(p, uid)));
    int wanted = Workloads.simulatedReplicas(rs);
    for (int i = pods.size(); i < wanted; i++) {
      ObjectNode body = pod(cluster, rs);
      java.util.Optional<String> refused = SidecarInjector.refusal(cluster, ns, body);
      if (refused.isPresent()) {
        // Admission refuses the Pod (a webhook that cannot be called): the next try is later.
        String why = "Error creating: " + refused.get();
        Events.warning(cluster, rs, "FailedCreate", why, "replicaset-controller");
        report(cluster, rs, i, why);
        return;
      }
      ObjectNode pod = cluster.create(Cluster.PODS, ns, body);
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
    report(cluster, rs, wanted, null);
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

  /**
   * The statuses of the ReplicaSet and its Deployment while admission refuses pods: as many ready
   * as exist, a {@code ReplicaFailure} condition, the Deployment not {@code Available}; once every
   * pod exists again, the settled statuses of a finished rollout. Written only when they change.
   */
  private static void report(Cluster cluster, ObjectNode rs, int have, String failure) {
    String ns = rs.path("metadata").path("namespace").asText();
    boolean failing = hasFailure(rs);
    if (failure == null && !failing) {
      return;
    }
    ObjectNode settled = rs.deepCopy();
    Workloads.settle(Cluster.REPLICASETS, settled);
    ObjectNode status = (ObjectNode) settled.get("status");
    if (failure != null) {
      for (String field :
          List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas")) {
        status.put(field, have);
      }
      failure(status.putArray("conditions"), failure);
    }
    if (!status.equals(rs.path("status"))) {
      cluster.writeStatus(
          Cluster.REPLICASETS, ns, rs.path("metadata").path("name").asText(), status);
    }
    JsonNode owner = Owners.controllerOf(rs);
    if (!owner.path("kind").asText().equals("Deployment")) {
      return;
    }
    ObjectNode d = cluster.find(Cluster.DEPLOYMENTS, ns, owner.path("name").asText()).orElse(null);
    if (d == null) {
      return;
    }
    ObjectNode dSettled = d.deepCopy();
    Workloads.settle(Cluster.DEPLOYMENTS, dSettled);
    ObjectNode dStatus = (ObjectNode) dSettled.get("status");
    if (failure != null) {
      int wanted = Math.max(0, d.path("spec").path("replicas").asInt(1));
      for (String field :
          List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
        dStatus.put(field, have);
      }
      dStatus.put("unavailableReplicas", Math.max(0, wanted - have));
      ArrayNode conditions = dStatus.putArray("conditions");
      ObjectNode available = conditions.addObject();
      available.put("type", "Available");
      available.put("status", "False");
      available.put("reason", "MinimumReplicasUnavailable");
      available.put("message", "Deployment does not have minimum availability.");
      failure(conditions, failure);
    }
    // A settled status carries times: rewrite it only to clear a failure it still reports.
    boolean unchanged = failure != null ? dStatus.equals(d.path("status")) : !hasFailure(d);
    if (!unchanged) {
      cluster.writeStatus(
          Cluster.DEPLOYMENTS, ns, d.path("metadata").path("name").asText(), dStatus);
    }
  }

  private static void failure(ArrayNode conditions, String message) {
    ObjectNode c = conditions.addObject();
    c.put("type", "ReplicaFailure");
    c.put("status", "True");
    c.put("reason", "FailedCreate");
    c.put("message", message);
  }

  private static boolean hasFailure(JsonNode o) {
    for (JsonNode c : o.path("status").path("conditions")) {
      if (c.path("type").asText().equals("ReplicaFailure")) {
        return true;
      }
    }
    return false;
  }
}
