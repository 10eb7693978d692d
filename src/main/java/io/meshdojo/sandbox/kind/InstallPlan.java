package io.meshdojo.sandbox.kind;

import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ordered steps that turn an empty kind cluster into a sandbox of one environment, computed
 * from a {@link KindInstall} without touching anything. The order encodes what depends on what:
 *
 * <ol>
 *   <li>Istio: its chart repository (unless the charts are in an OCI registry), base chart (CRDs),
 *       istiod, waited for (its webhooks must answer before anything injected or validated is
 *       applied), then the ingress gateway, waited for.
 *   <li>Add-ons, each waited for.
 *   <li>Slime: CRDs established, slime-boot running, then each module's SlimeBoot and the
 *       Deployment slime-boot makes for it.
 *   <li>Aeraki: CRDs established, control plane running (the demos' proxies need its xDS).
 *   <li>The learner's toolbox, ready.
 *   <li>The environment's baseline workloads, in an injected namespace.
 *   <li>Aeraki's demos, each in its own injected namespace with the bootstrap config.
 *   <li>The environment's own readiness conditions.
 * </ol>
 */
public record InstallPlan(String environment, List<InstallStep> steps) {

  static final String ISTIO_REPO = "istio";
  static final Duration CONTROL_PLANE_TIMEOUT = Duration.ofMinutes(5);
  static final Map<String, String> INJECTED = Map.of("istio-injection", "enabled");

  public InstallPlan {
    steps = List.copyOf(steps);
  }

  /** Computes the plan for an install (validated first). */
  public static InstallPlan of(KindInstall install) {
    install.validated();
    List<InstallStep> steps = new ArrayList<>();
    KindInstall.Istio istio = install.istio();

    // An OCI registry is not added as a repository: helm pulls each chart by its full reference.
    boolean oci = isOci(istio.chartRepository());
    if (!oci) {
      steps.add(new AddHelmRepo(ISTIO_REPO, istio.chartRepository()));
    }
    String charts = oci ? stripSlash(istio.chartRepository()) : ISTIO_REPO;
    steps.add(new CreateNamespace(istio.base().namespace(), Map.of()));
    HelmInstall base = helm(istio.base(), charts, "base", istio.version());
    steps.add(
        istio.revision().isEmpty()
            ? base
            // Validation is served by the environment's revision, the one the default tag names.
            : new HelmInstall(
                base.release(),
                base.chart(),
                base.version(),
                base.namespace(),
                base.valuesFile(),
                List.of("defaultRevision=" + istio.revision())));
    if (istio.revision().isEmpty()) {
      steps.add(helm(istio.istiod(), charts, "istiod", istio.version()));
      steps.add(deploymentAvailable(istio.istiod().namespace(), "istiod"));
    } else {
      // The environment's revision: release and istiod named after it, as Istio's canary upgrade
      // guide installs one, and the default tag pointing at it (the chart's revisionTags).
      String suffix = "-" + istio.revision();
      KindInstall.Chart istiod = istio.istiod();
      steps.add(
          new HelmInstall(
              istiod.release() + suffix,
              charts + "/istiod",
              istio.version(),
              istiod.namespace(),
              istiod.values(),
              List.of("revision=" + istio.revision(), "revisionTags={default}")));
      steps.add(deploymentAvailable(istiod.namespace(), "istiod" + suffix));
    }
    // The environments keep the gateway in istio-system, where labs expect its identity
    // (cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account); the chart's own
    // pod label asks for injection there. A separate gateway namespace gets injection switched on.
    if (!istio.gateway().namespace().equals(istio.istiod().namespace())) {
      steps.add(new CreateNamespace(istio.gateway().namespace(), INJECTED));
    }
    steps.add(helm(istio.gateway(), charts, "gateway", istio.version()));
    steps.add(deploymentAvailable(istio.gateway().namespace(), istio.gateway().release()));

    for (KindInstall.Addon addon : install.addons()) {
      steps.add(new CreateNamespace(addon.namespace(), Map.of()));
      steps.add(new Apply(addon.manifest(), addon.namespace()));
      steps.add(everyDeploymentAvailable(addon.namespace()));
    }

    KindInstall.Slime slime = install.slime();
    if (slime != null) {
      steps.add(new CreateNamespace(slime.namespace(), Map.of()));
      steps.add(new Apply(slime.crds(), null));
      steps.add(crdsEstablished());
      steps.add(new Apply(slime.operator(), slime.namespace()));
      steps.add(deploymentAvailable(slime.namespace(), "slime-boot"));
      for (KindInstall.SlimeModule module : slime.modules()) {
        steps.add(new Apply(module.manifest(), slime.namespace()));
        steps.add(deploymentAvailable(slime.namespace(), module.name()));
      }
    }

    KindInstall.Aeraki aeraki = install.aeraki();
    if (aeraki != null) {
      steps.add(new Apply(aeraki.crds(), null));
      steps.add(crdsEstablished());
      steps.add(new Apply(aeraki.controlPlane(), aeraki.namespace()));
      steps.add(deploymentAvailable(aeraki.namespace(), "aeraki"));
    }

    KindInstall.Toolbox toolbox = install.toolbox();
    steps.add(new Apply(toolbox.rbac(), null));
    steps.add(new Apply(toolbox.pod(), null));
    steps.add(
        new WaitFor(
            KindSandboxLabels.TOOLBOX_NAMESPACE,
            "pod",
            "toolbox",
            null,
            "Ready",
            CONTROL_PLANE_TIMEOUT));

    KindInstall.Baseline baseline = install.baseline();
    steps.add(new CreateNamespace(baseline.namespace(), INJECTED));
    steps.add(new Apply(baseline.path(), baseline.namespace()));

    if (aeraki != null) {
      for (KindInstall.Demo demo : aeraki.demos()) {
        steps.add(new CreateNamespace(demo.namespace(), INJECTED));
        steps.add(new Apply(aeraki.bootstrapConfig(), demo.namespace()));
        steps.add(new Apply(demo.manifest(), demo.namespace()));
      }
    }

    for (KindInstall.Readiness r : install.readiness()) {
      steps.add(
          new WaitFor(
              r.namespace(),
              r.resource(),
              r.name(),
              r.selector(),
              r.condition(),
              r.timeoutDuration()));
    }
    return new InstallPlan(install.environment(), steps);
  }

  /** Every file or directory the plan applies or hands to Helm, in order, without repeats. */
  public List<String> files() {
    List<String> files = new ArrayList<>();
    for (InstallStep step : steps) {
      String file =
          step instanceof Apply a
              ? a.path()
              : step instanceof HelmInstall h ? h.valuesFile() : null;
      if (file != null && !files.contains(file)) {
        files.add(file);
      }
    }
    return files;
  }

  /** The index of the first step matching, or -1; handy for checking order. */
  public int indexOf(java.util.function.Predicate<InstallStep> which) {
    for (int i = 0; i < steps.size(); i++) {
      if (which.test(steps.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static HelmInstall helm(
      KindInstall.Chart chart, String charts, String name, String version) {
    return new HelmInstall(
        chart.release(), charts + "/" + name, version, chart.namespace(), chart.values());
  }

  /**
   * Whether charts come from an OCI registry ({@code oci://host/path}) rather than a repository.
   */
  static boolean isOci(String chartRepository) {
    return chartRepository.startsWith("oci://");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static WaitFor deploymentAvailable(String namespace, String name) {
    return new WaitFor(namespace, "deployment", name, null, "Available", CONTROL_PLANE_TIMEOUT);
  }

  private static WaitFor everyDeploymentAvailable(String namespace) {
    return new WaitFor(namespace, "deployment", null, null, "Available", CONTROL_PLANE_TIMEOUT);
  }

  private static WaitFor crdsEstablished() {
    return new WaitFor(
        null, "customresourcedefinition", null, null, "Established", Duration.ofMinutes(1));
  }
}
