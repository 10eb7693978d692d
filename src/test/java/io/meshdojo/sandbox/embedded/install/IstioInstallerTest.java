package io.meshdojo.sandbox.embedded.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The install engine on its own: what each command writes, deletes, prints or refuses. */
class IstioInstallerTest {

  private static final IstioInstaller ISTIOCTL = new IstioInstaller("1.26.3");
  private static final ControlPlane EMPTY = new ControlPlane(List.of());

  private static List<ObjectNode> file(String name) throws Exception {
    return Manifests.parse(Files.readString(Path.of("src/test/resources/install", name)), name);
  }

  private static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  private static List<String> names(List<ObjectNode> objects) {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .toList();
  }

  @Test
  void theDefaultProfileInstallsIstiodItsMeshConfigWebhookAndTheIngressGatewayOnly() {
    IstioInstaller.Plan plan = ISTIOCTL.install(OperatorSpec.of(null, List.of(), null), EMPTY);
    assertThat(names(plan.writes()))
        .contains(
            "Deployment/istiod",
            "Service/istiod",
            "ConfigMap/istio",
            "MutatingWebhookConfiguration/istio-sidecar-injector",
            "Deployment/istio-ingressgateway",
            "IstioOperator/installed-state")
        .doesNotContain("Deployment/istio-egressgateway");
    ObjectNode istiod = find(plan.writes(), "Deployment", "istiod").orElseThrow();
    assertThat(istiod.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("docker.io/istio/pilot:1.26.3");
    assertThat(plan.output()).contains("Ingress gateways installed").doesNotContain("Egress");
  }

  @Test
  void anOperatorFileAndSetFlagsShapeTheMeshConfigGatewaysAndSampling() throws Exception {
    ObjectNode operator = file("customized-operator.yaml").get(0);
    IstioInstaller.Plan plan =
        ISTIOCTL.install(
            OperatorSpec.of(operator, List.of(Map.entry("meshConfig.enableTracing", "true")), null),
            EMPTY);
    String mesh = find(plan.writes(), "ConfigMap", "istio").orElseThrow().at("/data/mesh").asText();
    assertThat(mesh)
        .contains("accessLogFile: /dev/stdout")
        .contains("mode: REGISTRY_ONLY")
        .contains("enableTracing: true")
        .contains("discoveryAddress: istiod.istio-system.svc:15012");
    assertThat(
            find(plan.writes(), "Deployment", "istio-ingressgateway")
                .orElseThrow()
                .at("/spec/replicas")
                .asInt())
        .isEqualTo(2);
    assertThat(find(plan.writes(), "Deployment", "istio-egressgateway")).isPresent();
    assertThat(find(plan.writes(), "Deployment", "istiod").orElseThrow().toString())
        .contains("PILOT_TRACE_SAMPLING")
        .contains("\"10.0\"");
  }

  @Test
  void demoAndMinimalProfilesDifferAsIstiosDo() {
    List<ObjectNode> demo =
        ISTIOCTL
            .install(OperatorSpec.of(null, List.of(Map.entry("profile", "demo")), null), EMPTY)
            .writes();
    assertThat(find(demo, "Deployment", "istio-egressgateway")).isPresent();
    assertThat(find(demo, "ConfigMap", "istio").orElseThrow().at("/data/mesh").asText())
        .contains("accessLogFile: /dev/stdout");
    List<ObjectNode> minimal =
        ISTIOCTL
            .install(OperatorSpec.of(null, List.of(Map.entry("profile", "minimal")), null), EMPTY)
            .writes();
    assertThat(names(minimal)).noneMatch(n -> n.contains("gateway"));
  }

  @Test
  void aRevisionGetsItsOwnIstiodConfigMapAndWebhook() {
    IstioInstaller.Plan plan =
        ISTIOCTL.install(
            OperatorSpec.of(null, List.of(Map.entry("profile", "minimal")), "1-26"), EMPTY);
    assertThat(names(plan.writes()))
        .contains(
            "Deployment/istiod-1-26",
            "ConfigMap/istio-1-26",
            "MutatingWebhookConfiguration/istio-sidecar-injector-1-26",
            "IstioOperator/installed-state-1-26");
    assertThat(
            find(plan.writes(), "Deployment", "istiod-1-26")
                .orElseThrow()
                .at("/metadata/labels/istio.io~1rev")
                .asText())
        .isEqualTo("1-26");
  }

  @Test
  void istioctlRefusesUnknownProfilesConflictingRevisionsAndUnknownFields() {
    assertThatThrownBy(() -> OperatorSpec.of(null, List.of(Map.entry("profile", "ambient2")), null))
        .hasMessageContaining("profile \"ambient2\" not found");
    assertThatThrownBy(() -> OperatorSpec.of(null, List.of(Map.entry("revision", "1-25")), "1-26"))
        .hasMessageContaining("conflicts");
    assertThatThrownBy(() -> OperatorSpec.of(null, List.of(Map.entry("spec.x", "1")), null))
        .hasMessageContaining("unknown field \"spec\"");
    assertThatThrownBy(() -> OperatorSpec.of(null, List.of(), "Not_A_Label"))
        .hasMessageContaining("invalid revision");
  }

  @Test
  void anInPlaceUpgradeSkippingAMinorIsRefusedButACanaryRevisionIsNot() throws Exception {
    ControlPlane old = new ControlPlane(file("old-control-plane.yaml"));
    assertThatThrownBy(() -> ISTIOCTL.install(OperatorSpec.of(null, List.of(), "1-24"), old))
        .hasMessageContaining("skips more than one minor");
    assertThat(ISTIOCTL.precheck(old)).contains("1.24.4").contains("skips more than one minor");
    assertThat(ISTIOCTL.install(OperatorSpec.of(null, List.of(), "1-26"), old).writes())
        .isNotEmpty();
    assertThat(ISTIOCTL.precheck(EMPTY)).contains("No issues found");
  }

  @Test
  void tagsPointAtRevisionsAndAreProtectedWhileUsed() throws Exception {
    ControlPlane old = new ControlPlane(file("old-control-plane.yaml"));
    assertThat(old.resolve("default")).contains("1-24");
    assertThat(ISTIOCTL.tagList(old))
        .isEqualTo("TAG     REVISION NAMESPACES\ndefault 1-24     shop\n");
    assertThatThrownBy(() -> ISTIOCTL.tagSet("default", "1-26", false, old))
        .hasMessageContaining("cannot find MutatingWebhookConfiguration with revision \"1-26\"");
    assertThatThrownBy(() -> ISTIOCTL.tagRemove("default", false, old))
        .hasMessageContaining("in use by existing namespaces")
        .hasMessageContaining("shop");
    IstioInstaller.Plan moved = ISTIOCTL.tagSet("prod", "1-24", false, old);
    ObjectNode hook = moved.writes().get(0);
    assertThat(hook.at("/metadata/name").asText()).isEqualTo("istio-revision-tag-prod");
    assertThat(hook.at("/metadata/labels/istio.io~1tag").asText()).isEqualTo("prod");
  }

  @Test
  void uninstallNamesTheProxiesStillUsingTheRevisionAndRemovesItsObjects() throws Exception {
    ControlPlane old = new ControlPlane(file("old-control-plane.yaml"));
    IstioInstaller.Plan plan = ISTIOCTL.uninstall("1-24", old);
    assertThat(plan.output()).contains("There are still 1 proxies").contains("shop/cart-1");
    assertThat(plan.deletes())
        .contains(
            new IstioInstaller.Ref("Deployment", "istio-system", "istiod-1-24"),
            new IstioInstaller.Ref(
                "MutatingWebhookConfiguration", "", "istio-revision-tag-default"));
    assertThatThrownBy(() -> ISTIOCTL.uninstall("1-23", old))
        .hasMessageContaining("could not find the control plane revision");
  }

  @Test
  void installCustomizesSolutionIsWhatTheEmbeddedIstioctlRendersFromItsOperator() throws Exception {
    Path lab = Path.of("labs/install-customize");
    ObjectNode operator =
        Manifests.parseOne(
            Files.readString(lab.resolve("install/istio-operator.yaml")), "istio-operator.yaml");
    List<ObjectNode> rendered =
        ISTIOCTL.install(OperatorSpec.of(operator, List.of(), null), EMPTY).writes();
    List<ObjectNode> solution =
        Manifests.parse(Files.readString(lab.resolve("solution/installed.yaml")), "installed.yaml");
    assertThat(solution).isNotEmpty();
    for (ObjectNode object : solution) {
      assertThat(find(rendered, object.path("kind").asText(), object.at("/metadata/name").asText()))
          .contains(object);
    }
    // Everything rendered that the grader reads is in the solution.
    assertThat(solution)
        .hasSize(
            (int)
                rendered.stream()
                    .filter(
                        o ->
                            List.of("ServiceAccount", "Service", "Deployment", "ConfigMap")
                                .contains(o.path("kind").asText()))
                    .count());
  }
}
