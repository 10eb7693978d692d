package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.Workloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * kube-controller-manager's deployment controller: the ReplicaSet of the current template ({@code
 * <deployment>-<pod-template-hash>}) runs {@code spec.replicas} Pods, the older ones are scaled to
 * zero and kept as revisions ({@code revisionHistoryLimit}, default 10), which is what {@code
 * kubectl rollout history/undo} read. Rollouts are immediate: no surge, no waiting.
 */
@ApplicationScoped
public class DeploymentController implements Controller {

  static final String REVISION = "deployment.kubernetes.io/revision";
  private static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
  private static final String HASH = "pod-template-hash";

  @Override
  public boolean watches(Change change) {
    if (change.is("apps", "Deployment")) {
      return !change.deleted();
    }
    // A ReplicaSet of a Deployment changed or removed by hand is put back, as in a real cluster.
    return change.is("apps", "ReplicaSet")
        && change.controllerRef().path("kind").asText().equals("Deployment");
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    ObjectNode deployment;
    if (change.is("apps", "Deployment")) {
      deployment = change.object();
    } else {
      String owner = change.controllerRef().path("name").asText();
      deployment = cluster.find(Cluster.DEPLOYMENTS, change.namespace(), owner).orElse(null);
      if (deployment == null
          || !Owners.controlledBy(
              change.object(), deployment.path("metadata").path("uid").asText())) {
        return;
      }
    }
    // Read again: an earlier step of this drain may have changed it since the change was queued.
    JsonNode meta = deployment.path("metadata");
    deployment =
        cluster
            .find(Cluster.DEPLOYMENTS, meta.path("namespace").asText(), meta.path("name").asText())
            .orElse(null);
    if (deployment == null || deployment.path("spec").path("paused").asBoolean(false)) {
      return;
    }
    rollOut(cluster, deployment);
  }

  private void rollOut(Cluster cluster, ObjectNode deployment) {
    JsonNode meta = deployment.path("metadata");
    String ns = meta.path("namespace").asText();
    String uid = meta.path("uid").asText();
    JsonNode template = deployment.path("spec").path("template");
    String hash = Workloads.templateHash(template);
    String current = meta.path("name").asText() + "-" + hash;
    List<ObjectNode> owned =
        new ArrayList<>(cluster.list(Cluster.REPLICASETS, ns, rs -> Owners.controlledBy(rs, uid)));
    long newest = owned.stream().mapToLong(DeploymentController::revision).max().orElse(0);
    ObjectNode active =
        owned.stream()
            .filter(rs -> rs.path("metadata").path("name").asText().equals(current))
            .findFirst()
            .orElse(null);
    int replicas = Math.max(0, deployment.path("spec").path("replicas").asInt(1));
    long revision;
    if (active == null) {
      revision = newest + 1;
      cluster.create(Cluster.REPLICASETS, ns, replicaSet(deployment, current, hash, revision));
      Events.normal(
          cluster,
          deployment,
          "ScalingReplicaSet",
          "Scaled up replica set " + current + " from 0 to " + replicas,
          "deployment-controller");
    } else {
      revision = revision(active) == newest ? newest : newest + 1;
      scale(cluster, deployment, active, replicas, revision);
    }
    for (ObjectNode old : owned) {
      if (!old.path("metadata").path("name").asText().equals(current)) {
        scale(cluster, deployment, old, 0, revision(old));
      }
    }
    pruneHistory(cluster, deployment, owned, current);
    String wanted = String.valueOf(revision);
    if (!wanted.equals(meta.path("annotations").path(REVISION).asText())) {
      ObjectNode patch = Cluster.JSON.objectNode();
      patch.putObject("metadata").putObject("annotations").put(REVISION, wanted);
      cluster.patch(Cluster.DEPLOYMENTS, ns, meta.path("name").asText(), patch);
    }
  }

  private static ObjectNode replicaSet(
      ObjectNode deployment, String name, String hash, long revision) {
    JsonNode meta = deployment.path("metadata");
    ObjectNode template = deployment.path("spec").path("template").deepCopy();
    ((ObjectNode) ((ObjectNode) template.with("metadata")).with("labels")).put(HASH, hash);
    ObjectNode rs = Cluster.JSON.objectNode();
    rs.put("apiVersion", "apps/v1");
    rs.put("kind", "ReplicaSet");
    ObjectNode rm = rs.putObject("metadata");
    rm.put("name", name);
    rm.put("namespace", meta.path("namespace").asText());
    rm.set("labels", template.path("metadata").path("labels").deepCopy());
    ObjectNode annotations = rm.putObject("annotations");
    annotations.put(REVISION, String.valueOf(revision));
    annotations.put(
        "deployment.kubernetes.io/desired-replicas",
        String.valueOf(Math.max(0, deployment.path("spec").path("replicas").asInt(1))));
    if (meta.path("annotations").has(CHANGE_CAUSE)) {
      annotations.set(CHANGE_CAUSE, meta.path("annotations").path(CHANGE_CAUSE));
    }
    Owners.setController(rs, deployment);
    ObjectNode spec = rs.putObject("spec");
    spec.put("replicas", Math.max(0, deployment.path("spec").path("replicas").asInt(1)));
    ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
    ((ObjectNode) selector.with("matchLabels")).put(HASH, hash);
    spec.set("selector", selector);
    spec.set("template", template);
    return rs;
  }

  private static void scale(
      Cluster cluster, ObjectNode deployment, ObjectNode rs, int replicas, long revision) {
    int before = rs.path("spec").path("replicas").asInt(1);
    String name = rs.path("metadata").path("name").asText();
    String rev = String.valueOf(revision);
    if (before == replicas
        && rev.equals(rs.path("metadata").path("annotations").path(REVISION).asText())) {
      return;
    }
    ObjectNode patch = Cluster.JSON.objectNode();
    ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
    annotations.put(REVISION, rev);
    annotations.put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
    JsonNode cause = deployment.path("metadata").path("annotations").path(CHANGE_CAUSE);
    if (replicas > 0 && cause.isTextual()) {
      annotations.set(CHANGE_CAUSE, cause);
    }
    patch.putObject("spec").put("replicas", replicas);
    cluster.patch(Cluster.REPLICASETS, rs.path("metadata").path("namespace").asText(), name, patch);
    if (before != replicas) {
      Events.normal(
          cluster,
          deployment,
          "ScalingReplicaSet",
          "Scaled "
              + (replicas > before ? "up" : "down")
              + " replica set "
              + name
              + " from "
              + before
              + " to "
              + replicas,
          "deployment-controller");
    }
  }

  /** Old ReplicaSets beyond {@code revisionHistoryLimit}, oldest first, are deleted. */
  private static void pruneHistory(
      Cluster cluster, ObjectNode deployment, List<ObjectNode> owned, String current) {
    int limit = Math.max(0, deployment.path("spec").path("revisionHistoryLimit").asInt(10));
    List<ObjectNode> old =
        owned.stream()
            .filter(rs -> !Objects.equals(rs.path("metadata").path("name").asText(), current))
            .sorted(Comparator.comparingLong(DeploymentController::revision))
            .toList();
    for (int i = 0; i < old.size() - limit; i++) {
      JsonNode m = old.get(i).path("metadata");
      cluster.delete(Cluster.REPLICASETS, m.path("namespace").asText(), m.path("name").asText());
    }
  }

  static long revision(JsonNode rs) {
    try {
      return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
