package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.Apply;
import io.meshdojo.sandbox.kind.InstallStep.CreateNamespace;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import io.meshdojo.sandbox.kind.InstallStep.WaitFor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The install order of both real environments, computed from infra/kind/*.yaml. */
class InstallPlanTest {

  static final Path INFRA = Path.of("infra");
  static Map<String, KindInstall> installs;
  static InstallPlan bookinfo;
  static InstallPlan ecosystem;

  @BeforeAll
  static void plan() {
    installs = KindInstalls.load(INFRA);
    bookinfo = InstallPlan.of(installs.get("bookinfo"));
    ecosystem = InstallPlan.of(installs.get("ecosystem"));
  }

  static Predicate<InstallStep> helm(String release) {
    return s -> s instanceof HelmInstall h && h.release().equals(release);
  }

  static Predicate<InstallStep> applies(String path) {
    return s -> s instanceof Apply a && a.path().equals(path);
  }

  static Predicate<InstallStep> waitsFor(String resource, String name) {
    return s -> s instanceof WaitFor w && w.resource().equals(resource) && name.equals(w.name());
  }

  static Predicate<InstallStep> namespace(String name) {
    return s -> s instanceof CreateNamespace n && n.name().equals(name);
  }

  static void assertInOrder(InstallPlan plan, List<Predicate<InstallStep>> steps) {
    int previous = -1;
    for (Predicate<InstallStep> step : steps) {
      int index = plan.indexOf(step);
      assertThat(index)
          .as("step %d of the expected order", steps.indexOf(step))
          .isGreaterThan(previous);
      previous = index;
    }
  }

  @Test
  void istioIsInstalledFromItsThreeChartsAtThePinnedVersionBaseFirstAndIstiodWaitedFor() {
    // Where upstream publishes every version's charts since it left Google Cloud.
    assertThat(bookinfo.steps().get(0))
        .isEqualTo(new AddHelmRepo("istio", "https://blob.istio.io/istio-release/charts"));
    assertThat(ecosystem.steps().get(0))
        .isEqualTo(new AddHelmRepo("istio", "https://blob.istio.io/istio-release/charts"));
    assertInOrder(
        bookinfo,
        List.of(
            namespace("istio-system"),
            helm("istio-base"),
            helm("istiod"),
            waitsFor("deployment", "istiod"),
            helm("istio-ingressgateway"),
            waitsFor("deployment", "istio-ingressgateway")));
    List<HelmInstall> charts =
        bookinfo.steps().stream()
            .filter(HelmInstall.class::isInstance)
            .map(HelmInstall.class::cast)
            .toList();
    assertThat(charts)
        .extracting(HelmInstall::chart)
        .containsExactly("istio/base", "istio/istiod", "istio/gateway");
    assertThat(charts).extracting(HelmInstall::version).containsOnly("1.26.3");
    assertThat(charts)
        .extracting(HelmInstall::valuesFile)
        .containsExactly(
            "istio/1.26/base-values.yaml",
            "istio/1.26/istiod-values.yaml",
            "istio/1.26/gateway-values.yaml");
  }

  @Test
  void chartsFromAnOciRegistryAreInstalledByReferenceWithoutAddingARepository() {
    KindInstall base = installs.get("bookinfo");
    KindInstall.Istio istio = base.istio();
    KindInstall fromOci =
        new KindInstall(
            base.environment(),
            base.node(),
            new KindInstall.Istio(
                istio.version(),
                istio.line(),
                "oci://ghcr.io/istio/release/charts/",
                istio.base(),
                istio.istiod(),
                istio.gateway()),
            base.addons(),
            null,
            null,
            base.toolbox(),
            base.baseline(),
            base.readiness());
    InstallPlan plan = InstallPlan.of(fromOci);
    assertThat(plan.steps()).noneMatch(AddHelmRepo.class::isInstance);
    assertThat(plan.steps())
        .filteredOn(HelmInstall.class::isInstance)
        .extracting(s -> ((HelmInstall) s).chart())
        .containsExactly(
            "oci://ghcr.io/istio/release/charts/base",
            "oci://ghcr.io/istio/release/charts/istiod",
            "oci://ghcr.io/istio/release/charts/gateway");
    assertThat(plan.steps().size()).isEqualTo(bookinfo.steps().size() - 1);
  }

  @Test
  void realClustersTakeOnlyTheApplicationsFromTheSharedBaselineNotItsSimulatedIstio() {
    for (InstallPlan plan : List.of(bookinfo, ecosystem)) {
      assertThat(plan.steps())
          .filteredOn(Apply.class::isInstance)
          .map(Apply.class::cast)
          .extracting(Apply::path)
          .noneMatch(p -> p.contains("10-istio-system") || p.endsWith("/baseline"));
    }
  }

  @Test
  void theIngressGatewayRunsInIstioSystemWithTheIdentityTheLabsName() throws Exception {
    for (InstallPlan plan : List.of(bookinfo, ecosystem)) {
      HelmInstall gateway =
          plan.steps().stream()
              .filter(HelmInstall.class::isInstance)
              .map(HelmInstall.class::cast)
              .filter(h -> h.chart().equals("istio/gateway"))
              .findFirst()
              .orElseThrow();
      assertThat(gateway.namespace()).isEqualTo("istio-system");
      assertThat(Files.readString(INFRA.resolve(gateway.valuesFile())))
          .contains("name: istio-ingressgateway-service-account");
      assertThat(plan.steps())
          .filteredOn(InstallStep.CreateNamespace.class::isInstance)
          .map(InstallStep.CreateNamespace.class::cast)
          .filteredOn(n -> n.name().equals("istio-system"))
          .singleElement()
          .extracting(InstallStep.CreateNamespace::labels)
          .isEqualTo(java.util.Map.of());
    }
  }

  @Test
  void ecosystemRunsIstio118ForAeraki() {
    assertThat(ecosystem.steps())
        .filteredOn(HelmInstall.class::isInstance)
        .extracting(s -> ((HelmInstall) s).version())
        .containsOnly("1.18.1");
    assertThat(ecosystem.files())
        .contains("istio/1.18/istiod-values.yaml", "toolbox/toolbox-1.18.yaml");
    assertThat(bookinfo.files())
        .contains("toolbox/toolbox-1.26.yaml")
        .doesNotContain("toolbox/toolbox-1.18.yaml");
  }

  @Test
  void theUpgradeEnvironmentInstallsItsRevisionWithTheDefaultTagAndTheNewerIstioctl() {
    InstallPlan upgrade = InstallPlan.of(installs.get("upgrade"));
    assertThat(upgrade.steps())
        .filteredOn(helm("istiod-1-25"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(HelmCommands.install((HelmInstall) s, "/v.yaml"))
                    .containsSubsequence("--version", "1.25.3")
                    .containsSubsequence("--set", "revision=1-25")
                    .containsSubsequence("--set", "revisionTags={default}"));
    assertThat(upgrade.steps())
        .filteredOn(helm("istio-base"))
        .singleElement()
        .satisfies(s -> assertThat(((HelmInstall) s).sets()).contains("defaultRevision=1-25"));
    assertInOrder(upgrade, List.of(helm("istiod-1-25"), waitsFor("deployment", "istiod-1-25")));
    assertThat(upgrade.steps()).noneMatch(helm("istiod"));
    assertThat(upgrade.files()).contains("toolbox/toolbox-1.26.yaml");
    assertThat(bookinfo.steps())
        .filteredOn(HelmInstall.class::isInstance)
        .allSatisfy(s -> assertThat(((HelmInstall) s).sets()).isEmpty());
  }

  @Test
  void bookinfoHasNoSlimeOrAeraki() {
    assertThat(bookinfo.files()).noneMatch(f -> f.startsWith("slime/") || f.startsWith("aeraki/"));
  }

  @Test
  void slimeCrdsAreEstablishedBeforeTheOperatorAndEachModuleIsWaitedForAfterItsSlimeBoot() {
    assertInOrder(
        ecosystem,
        List.of(
            waitsFor("deployment", "istiod"),
            namespace("mesh-operator"),
            applies("slime/0.9.0/crds.yaml"),
            s -> s instanceof WaitFor w && w.condition().equals("Established"),
            applies("slime/0.9.0/slime-boot.yaml"),
            waitsFor("deployment", "slime-boot"),
            applies("slime/0.9.0/limiter.yaml"),
            waitsFor("deployment", "limiter"),
            applies("slime/0.9.0/lazyload.yaml"),
            waitsFor("deployment", "lazyload")));
    int module = ecosystem.indexOf(applies("slime/0.9.0/limiter.yaml"));
    assertThat(ecosystem.steps().get(module))
        .isEqualTo(new Apply("slime/0.9.0/limiter.yaml", "mesh-operator"));
    assertThat(ecosystem.steps().get(module + 1))
        .isEqualTo(
            new WaitFor(
                "mesh-operator",
                "deployment",
                "limiter",
                null,
                "Available",
                Duration.ofMinutes(5)));
  }

  @Test
  void aerakiRunsBeforeItsDemosAndEachDemoNamespaceGetsTheBootstrapConfigFirst() {
    int crds = ecosystem.indexOf(applies("aeraki/1.4.1/crds.yaml"));
    assertThat(ecosystem.steps().get(crds + 1)).isInstanceOf(WaitFor.class);
    assertThat(((WaitFor) ecosystem.steps().get(crds + 1)).condition()).isEqualTo("Established");
    assertInOrder(
        ecosystem,
        List.of(
            waitsFor("deployment", "istiod"),
            applies("aeraki/1.4.1/crds.yaml"),
            applies("aeraki/1.4.1/aeraki.yaml"),
            waitsFor("deployment", "aeraki"),
            namespace("meta-dubbo"),
            s -> s.equals(new Apply("aeraki/1.4.1/bootstrap-config.yaml", "meta-dubbo")),
            s -> s.equals(new Apply("aeraki/demo/dubbo.yaml", "meta-dubbo")),
            namespace("meta-thrift"),
            s -> s.equals(new Apply("aeraki/1.4.1/bootstrap-config.yaml", "meta-thrift")),
            s -> s.equals(new Apply("aeraki/demo/thrift.yaml", "meta-thrift"))));
    assertThat(ecosystem.steps())
        .contains(new CreateNamespace("meta-dubbo", Map.of("istio-injection", "enabled")));
  }

  @Test
  void theToolboxComesAfterIstioWithItsRbacFirstAndIsWaitedFor() {
    for (InstallPlan plan : List.of(bookinfo, ecosystem)) {
      assertInOrder(
          plan,
          List.of(
              waitsFor("deployment", "istio-ingressgateway"),
              applies("toolbox/rbac.yaml"),
              s -> s instanceof Apply a && a.path().startsWith("toolbox/toolbox-"),
              waitsFor("pod", "toolbox")));
    }
  }

  @Test
  void theBaselineGoesIntoAnInjectedNamespaceAndTheEnvironmentsReadinessComesLast() {
    assertInOrder(
        bookinfo,
        List.of(
            waitsFor("pod", "toolbox"),
            s -> s.equals(new CreateNamespace("bookinfo", Map.of("istio-injection", "enabled"))),
            s ->
                s.equals(
                    new Apply("environments/bookinfo/baseline/20-bookinfo.yaml", "bookinfo"))));
    List<InstallStep> steps = bookinfo.steps();
    assertThat(steps.subList(steps.size() - 2, steps.size()))
        .containsExactly(
            new WaitFor("bookinfo", "deployment", null, null, "Available", Duration.ofSeconds(300)),
            new WaitFor(
                "bookinfo", "pod", null, "app=productpage", "Ready", Duration.ofSeconds(300)));
    assertThat(ecosystem.steps().get(ecosystem.steps().size() - 1))
        .isEqualTo(
            new WaitFor(
                "meta-thrift", "deployment", null, null, "Available", Duration.ofSeconds(300)));
  }

  @Test
  void addOnsAreAppliedAfterIstioAndWaitedFor() {
    KindInstall base = installs.get("bookinfo");
    KindInstall withAddon =
        new KindInstall(
            base.environment(),
            base.node(),
            base.istio(),
            List.of(new KindInstall.Addon("prometheus", "observability", "addons/prometheus.yaml")),
            null,
            null,
            base.toolbox(),
            base.baseline(),
            base.readiness());
    InstallPlan plan = InstallPlan.of(withAddon);
    int apply = plan.indexOf(applies("addons/prometheus.yaml"));
    assertThat(apply).isGreaterThan(plan.indexOf(waitsFor("deployment", "istio-ingressgateway")));
    assertThat(plan.steps().get(apply - 1))
        .isEqualTo(new CreateNamespace("observability", Map.of()));
    assertThat(plan.steps().get(apply + 1))
        .isEqualTo(
            new WaitFor(
                "observability", "deployment", null, null, "Available", Duration.ofMinutes(5)));
  }

  @Test
  void everyFileThePlansUseExistsExceptTheSharedBaseline() {
    for (InstallPlan plan : List.of(bookinfo, ecosystem)) {
      for (String file : plan.files()) {
        if (file.startsWith("environments/")) {
          continue;
        }
        assertThat(Files.isRegularFile(INFRA.resolve(file))).as(file).isTrue();
      }
    }
  }

  @Test
  void plansAreDeterministicAndDescribeEachStepReadably() {
    assertThat(InstallPlan.of(installs.get("ecosystem"))).isEqualTo(ecosystem);
    assertThat(bookinfo.steps().get(bookinfo.indexOf(helm("istiod"))).describe())
        .isEqualTo("helm install istiod (istio/istiod 1.26.3) in istio-system");
    assertThat(bookinfo.steps().get(bookinfo.indexOf(namespace("bookinfo"))).describe())
        .isEqualTo("namespace bookinfo {istio-injection=enabled}");
    assertThat(bookinfo.steps().get(bookinfo.steps().size() - 1).describe())
        .isEqualTo("wait for pod -l app=productpage in bookinfo to be Ready (up to 300s)");
    assertThat(
            new WaitFor(
                    null,
                    "customresourcedefinition",
                    null,
                    null,
                    "Established",
                    Duration.ofMinutes(1))
                .describe())
        .isEqualTo("wait for every customresourcedefinition to be Established (up to 60s)");
  }
}
