package io.meshdojo.sandbox.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Environment;
import io.meshdojo.sandbox.kind.InstallStep.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a kind sandbox needs, in order, for an environment: the cluster, Istio from its Helm charts
 * (base, istiod, ingress gateway) with small-footprint values, the add-ons, the baseline manifests,
 * a wait until every baseline Deployment is Available, then the lab's setup. Pure data, so it is
 * unit-tested without Docker.
 */
public final class InstallPlan {

  public static final String ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";

  /** Helm values for every Istio chart: one replica, access logs for troubleshooting labs. */
  public static final Map<String, String> ISTIO_VALUES =
      Map.of("pilot.autoscaleEnabled", "false", "meshConfig.accessLogFile", "/dev/stdout");

  static final String WAIT_TIMEOUT = "300s";

  private InstallPlan() {}

  /**
   * @param baseline the environment's baseline objects (to know what to wait for)
   * @param setup the lab's setup manifest paths, on the classpath
   */
  public static List<InstallStep> of(
      Environment env, List<ObjectNode> baseline, List<String> setup) {
    List<InstallStep> steps = new ArrayList<>();
    steps.add(
        new InstallStep(
            "Start the Kubernetes " + env.kubernetesVersion() + " node",
            Action.CREATE_CLUSTER,
            env.kindNodeImage(),
            Map.of("version", env.kubernetesVersion())));
    String istio = env.istioVersion();
    steps.add(helm("Install Istio " + istio + " CRDs", "base", "istio-base", istio));
    steps.add(helm("Install istiod " + istio, "istiod", "istiod", istio));
    steps.add(wait("Wait for istiod", "deployment/istiod", "istio-system"));
    steps.add(helm("Install the ingress gateway", "gateway", "istio-ingressgateway", istio));
    steps.add(
        wait("Wait for the ingress gateway", "deployment/istio-ingressgateway", "istio-system"));
    for (Environment.Addon addon : env.addons()) {
      String path = "meshdojo/infra/addons/" + addon.name() + "-" + addon.version() + ".yaml";
      steps.add(
          new InstallStep(
              "Install " + addon.name() + " " + addon.version(), Action.APPLY, path, Map.of()));
    }
    for (String manifest : env.baseline()) {
      steps.add(
          new InstallStep(
              "Apply " + manifest,
              Action.APPLY,
              "meshdojo/infra/environments/" + manifest,
              Map.of()));
    }
    Set<String> deployments = new LinkedHashSet<>();
    for (ObjectNode o : baseline) {
      if (o.path("kind").asText().equals("Deployment")) {
        String ns = o.path("metadata").path("namespace").asText("default");
        if (!ns.equals("istio-system")) {
          deployments.add(ns + "/" + o.path("metadata").path("name").asText());
        }
      }
    }
    for (String d : deployments) {
      String[] nsName = d.split("/", 2);
      steps.add(wait("Wait for " + d, "deployment/" + nsName[1], nsName[0]));
    }
    for (String manifest : setup) {
      steps.add(new InstallStep("Apply lab setup " + manifest, Action.APPLY, manifest, Map.of()));
    }
    return List.copyOf(steps);
  }

  /** Every image the plan pulls, pinned by tag, for pre-pulling or mirroring. */
  public static List<String> images(Environment env, List<ObjectNode> baseline) {
    Set<String> images = new LinkedHashSet<>();
    images.add(env.kindNodeImage());
    images.add("docker.io/istio/pilot:" + env.istioVersion());
    images.add("docker.io/istio/proxyv2:" + env.istioVersion());
    for (ObjectNode o : baseline) {
      o.path("spec")
          .path("template")
          .path("spec")
          .path("containers")
          .forEach(c -> images.add(c.path("image").asText()));
    }
    return List.copyOf(images);
  }

  private static InstallStep helm(String name, String chart, String release, String version) {
    Map<String, String> args = new java.util.LinkedHashMap<>();
    args.put("repo", ISTIO_REPO);
    args.put("release", release);
    args.put("version", version);
    args.put("namespace", "istio-system");
    ISTIO_VALUES.forEach((k, v) -> args.put("set." + k, v));
    return new InstallStep(name, Action.HELM_INSTALL, chart, Map.copyOf(args));
  }

  private static InstallStep wait(String name, String target, String namespace) {
    return new InstallStep(
        name,
        Action.WAIT,
        target,
        Map.of("namespace", namespace, "condition", "Available", "timeout", WAIT_TIMEOUT));
  }
}
