package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.dajudge.kindcontainer.KindContainerVersion;
import io.meshdojo.sandbox.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.kind.InstallStep.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallPlanTest {

  final EnvironmentCatalog catalog = new EnvironmentCatalog();

  List<InstallStep> plan(String env, List<String> setup) {
    Environment e = catalog.find(env).orElseThrow();
    return InstallPlan.of(e, catalog.baseline(env), setup);
  }

  @Test
  void bookinfoInstallsIstioThenTheBaselineThenWaitsThenTheLab() {
    List<InstallStep> steps =
        plan("bookinfo", List.of("meshdojo/labs/authz-bookinfo/setup/00-peer-authentication.yaml"));
    assertThat(steps.get(0).action()).isEqualTo(Action.CREATE_CLUSTER);
    assertThat(steps.get(0).target()).isEqualTo("kindest/node:v1.32.2");
    List<String> charts =
        steps.stream()
            .filter(s -> s.action() == Action.HELM_INSTALL)
            .map(InstallStep::target)
            .toList();
    assertThat(charts).containsExactly("base", "istiod", "gateway");
    assertThat(steps.stream().filter(s -> s.action() == Action.HELM_INSTALL))
        .allMatch(s -> s.arg("version").equals("1.26.3"));
    int istiod = indexOf(steps, "Wait for istiod");
    int gateway = indexOf(steps, "Install the ingress gateway");
    assertThat(istiod).as("the gateway needs istiod's injector").isLessThan(gateway);
    int lastBaseline =
        lastIndex(steps, s -> s.action() == Action.APPLY && s.target().contains("/baseline/"));
    int firstWorkloadWait = indexOf(steps, "Wait for bookinfo/productpage-v1");
    int setup =
        indexOf(
            steps,
            "Apply lab setup meshdojo/labs/authz-bookinfo/setup/00-peer-authentication.yaml");
    assertThat(lastBaseline).isLessThan(firstWorkloadWait);
    assertThat(firstWorkloadWait).isLessThan(setup);
    assertThat(setup).isEqualTo(steps.size() - 1);
    assertThat(
            steps.stream()
                .filter(
                    s ->
                        s.action() == Action.WAIT && s.target().startsWith("deployment/reviews-v")))
        .hasSize(3);
  }

  @Test
  void ecosystemPinsIstio118AndInstallsSlimeAndAerakiBeforeTheBaseline() {
    List<InstallStep> steps = plan("ecosystem", List.of());
    assertThat(steps.stream().filter(s -> s.action() == Action.HELM_INSTALL))
        .allMatch(s -> s.arg("version").startsWith("1.18."));
    int slime = indexOf(steps, "Install slime 0.9.0");
    int aeraki = indexOf(steps, "Install aeraki 1.4.1");
    int baseline = lastIndex(steps, s -> s.target().endsWith("30-meta-dubbo.yaml"));
    assertThat(slime).isPositive().isLessThan(baseline);
    assertThat(aeraki).isPositive().isLessThan(baseline);
    assertThat(steps)
        .anyMatch(
            s ->
                s.target().equals("deployment/dubbo-sample-provider-v2")
                    && s.arg("namespace").equals("meta-dubbo"));
  }

  @Test
  void imagesArePinnedByTag() {
    Environment e = catalog.find("ecosystem").orElseThrow();
    List<String> images = InstallPlan.images(e, catalog.baseline("ecosystem"));
    assertThat(images).contains("kindest/node:v1.27.3", "docker.io/istio/proxyv2:1.18.7");
    assertThat(images).allMatch(i -> i.matches(".+:[^:/]+") && !i.endsWith(":latest"));
  }

  @Test
  void theNodeVersionIsTheNearestKindRelease() {
    assertThat(KindProvisioner.versionFor("v1.32.2"))
        .isEqualTo(KindContainerVersion.VERSION_1_32_0);
    assertThat(KindProvisioner.versionFor("v1.27.3"))
        .isEqualTo(KindContainerVersion.VERSION_1_27_1);
  }

  static int indexOf(List<InstallStep> steps, String name) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static int lastIndex(List<InstallStep> steps, java.util.function.Predicate<InstallStep> p) {
    int last = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (p.test(steps.get(i))) {
        last = i;
      }
    }
    return last;
  }
}
