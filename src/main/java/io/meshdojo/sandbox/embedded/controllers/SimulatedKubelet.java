package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.Workloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler and the kubelet, as far as the embedded sandbox has them: a new Pod is bound to the
 * one modelled node and reported Running, and everything it says makes plain that nothing runs. Its
 * containers are simulated (no image is pulled, their container IDs say {@code simulated}), a
 * condition and the status message say so, and the events are worded to match.
 */
@ApplicationScoped
public class SimulatedKubelet implements Controller {

  static final String NODE = "meshdojo-control-plane";
  static final String SIMULATED_CONDITION = "meshdojo.io/Simulated";
  static final String MESSAGE =
      "Simulated by Mesh Dojo's model of the mesh: no container runs and no image is pulled;"
          + " requests to this pod are answered by the model.";

  @Override
  public boolean watches(Change change) {
    return change.is("", "Pod")
        && !change.deleted()
        && change.object().path("status").path("phase").asText("").isEmpty();
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    ObjectNode pod = cluster.find(Cluster.PODS, change.namespace(), change.name()).orElse(null);
    if (pod == null || !pod.path("status").path("phase").asText("").isEmpty()) {
      return;
    }
    String ns = change.namespace();
    if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
      ObjectNode binding = Cluster.JSON.objectNode();
      binding.putObject("spec").put("nodeName", NODE);
      cluster.patch(Cluster.PODS, ns, change.name(), binding);
      Events.normal(
          cluster,
          pod,
          "Scheduled",
          "Successfully assigned "
              + ns
              + "/"
              + change.name()
              + " to "
              + NODE
              + " (simulated: the sandbox models a single node)",
          "default-scheduler");
    }
    cluster.writeStatus(Cluster.PODS, ns, change.name(), status(pod));
    String notInjected =
        pod.path("metadata").path("annotations").path(SidecarInjector.NOT_INJECTED).asText("");
    if (!notInjected.isEmpty()) {
      Events.warning(cluster, pod, "SidecarNotInjected", notInjected, "sidecar-injector");
    }
    List<String> names = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
    Events.normal(
        cluster,
        pod,
        "Started",
        "Simulated containers "
            + String.join(", ", names)
            + ": no image was pulled and no process runs; Mesh Dojo's model answers for them",
        "meshdojo-simulated-kubelet");
  }

  private static ObjectNode status(ObjectNode pod) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = pod.path("metadata").path("name").asText();
    ObjectNode status = Cluster.JSON.objectNode();
    status.put("phase", "Running");
    status.put("message", MESSAGE);
    ArrayNode conditions = status.putArray("conditions");
    for (String c : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
      ObjectNode condition = conditions.addObject();
      condition.put("type", c);
      condition.put("status", "True");
      condition.put("lastTransitionTime", now);
    }
    ObjectNode simulated = conditions.addObject();
    simulated.put("type", SIMULATED_CONDITION);
    simulated.put("status", "True");
    simulated.put("lastTransitionTime", now);
    simulated.put("reason", "SimulatedByMeshDojo");
    simulated.put("message", MESSAGE);
    status.put("hostIP", "172.18.0.2");
    String ip = "10.244.0." + (10 + Math.floorMod(name.hashCode(), 240));
    status.put("podIP", ip);
    status.putArray("podIPs").addObject().put("ip", ip);
    status.put("startTime", now);
    status.put("qosClass", "BestEffort");
    JsonNode spec = pod.path("spec");
    if (spec.path("initContainers").size() > 0) {
      ArrayNode init = status.putArray("initContainerStatuses");
      for (JsonNode c : spec.path("initContainers")) {
        ObjectNode cs = containerStatus(name, c);
        cs.put("ready", true);
        ObjectNode done = cs.putObject("state").putObject("terminated");
        done.put("exitCode", 0);
        done.put("reason", "Completed");
        done.put("message", "Simulated: this init container did not run");
        done.put("startedAt", now);
        done.put("finishedAt", now);
        init.add(cs);
      }
    }
    ArrayNode containers = status.putArray("containerStatuses");
    for (JsonNode c : spec.path("containers")) {
      ObjectNode cs = containerStatus(name, c);
      cs.put("ready", true);
      cs.put("started", true);
      cs.putObject("state").putObject("running").put("startedAt", now);
      containers.add(cs);
    }
    return status;
  }

  /** imageID stays empty (no image was pulled); the container ID names the simulation. */
  private static ObjectNode containerStatus(String pod, JsonNode container) {
    ObjectNode cs = Cluster.JSON.objectNode();
    String name = container.path("name").asText();
    cs.put("name", name);
    cs.put("image", container.path("image").asText());
    cs.put("imageID", "");
    cs.put(
        "containerID",
        "simulated://" + Workloads.templateHash(Cluster.JSON.textNode(pod + "/" + name)));
    cs.put("restartCount", 0);
    return cs;
  }
}
