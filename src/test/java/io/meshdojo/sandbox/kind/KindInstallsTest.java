package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindInstallsTest {

  static final Path INFRA = Path.of("infra");

  @Test
  void bothEnvironmentsLoadWithTheirPinnedVersions() {
    Map<String, KindInstall> installs = KindInstalls.load(INFRA);
    assertThat(installs).containsOnlyKeys("bookinfo", "ecosystem", "upgrade");

    KindInstall bookinfo = installs.get("bookinfo");
    assertThat(bookinfo.istio().line()).isEqualTo("1.26");
    assertThat(bookinfo.slime()).isNull();
    assertThat(bookinfo.aeraki()).isNull();
    assertThat(bookinfo.node().kubernetes()).isEqualTo("1.32.0");

    assertThat(bookinfo.istio().revision()).isEmpty();
    KindInstall upgrade = installs.get("upgrade");
    assertThat(upgrade.istio().line()).isEqualTo("1.25");
    assertThat(upgrade.istio().revision()).isEqualTo("1-25");

    KindInstall ecosystem = installs.get("ecosystem");
    assertThat(ecosystem.istio().line()).isEqualTo("1.18");
    assertThat(ecosystem.slime().version()).isEqualTo("0.9.0");
    assertThat(ecosystem.slime().modules())
        .extracting(KindInstall.SlimeModule::name)
        .containsExactly("limiter", "lazyload");
    assertThat(ecosystem.aeraki().version()).isEqualTo("1.4.1");
    assertThat(ecosystem.aeraki().metaProtocolProxy()).startsWith("1.4.");
    assertThat(ecosystem.aeraki().demos())
        .extracting(KindInstall.Demo::namespace)
        .containsExactly("meta-dubbo", "meta-thrift");
  }

  @Test
  void theHelmSidecarImageIsReadFromTheRuntimeFile() {
    assertThat(KindInstalls.runtimeImages(InfraFiles.directory(INFRA)).helm().image())
        .isEqualTo("docker.io/alpine/helm:3.14.0");
  }

  static final Environments ENVIRONMENTS =
      Environments.fromDirectory(INFRA.resolve("environments"));

  @Test
  void theVersionsAreTheEnvironmentsOwn() {
    for (KindInstall install : KindInstalls.load(INFRA).values()) {
      Environment env = ENVIRONMENTS.get(install.environment());
      assertThat(install.istio().version()).isEqualTo(env.istioVersion());
      assertThat(install.node().image()).isEqualTo(env.kindNodeImage());
      assertThat("v" + install.node().kubernetes()).isEqualTo(env.kubernetesVersion());
    }
  }

  @Test
  void aKindFileThatWritesAVersionItselfIsRefused() throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/bookinfo.yaml"));
    assertThatThrownBy(() -> read(yaml + "node: {kubernetes: \"1.31.0\", image: x}\n", "bookinfo"))
        .hasMessageContaining("remove 'node'");
    assertThatThrownBy(
            () -> read(yaml.replace("istio:\n", "istio:\n  version: \"1.25.2\"\n"), "bookinfo"))
        .hasMessageContaining("remove istio.version");
  }

  @Test
  void aerakiIsRefusedInAnEnvironmentOfAnIstioLineItDoesNotSupport() throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/ecosystem.yaml"));
    Environment ecosystem = ENVIRONMENTS.get("ecosystem");
    Environment on126 =
        new Environment(
            "ecosystem",
            ecosystem.kubernetesVersion(),
            ecosystem.kindNodeImage(),
            "1.26.3",
            ecosystem.istioProfile(),
            ecosystem.addons(),
            ecosystem.defaultNamespace(),
            ecosystem.baseline(),
            List.of());
    assertThatThrownBy(
            () -> KindInstalls.read("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), on126))
        .hasMessageContaining("Aeraki 1.4.1 supports only Istio 1.18, not 1.26");
    String wrongProxy =
        yaml.replace("metaProtocolProxy: \"1.4.1\"", "metaProtocolProxy: \"1.3.0\"");
    assertThatThrownBy(() -> read(wrongProxy, "ecosystem"))
        .hasMessageContaining("meta-protocol-proxy 1.3.0 does not belong to Aeraki 1.4.1");
  }

  @Test
  void unknownKeysMissingPartsAndBadTimeoutsAreErrorsNamingTheFile() throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/bookinfo.yaml"));
    assertThatThrownBy(() -> read(yaml + "colour: blue\n", "bookinfo"))
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> read(yaml.replaceAll("(?m)^  chartRepository: .*\n", ""), "bookinfo"))
        .hasMessageContaining("istio.chartRepository is missing");
    assertThatThrownBy(() -> read(yaml.replace("timeout: 300s}", "timeout: soon}"), "bookinfo"))
        .hasMessageContaining("readiness timeout must look like 90s, 5m or 1h, not 'soon'");
  }

  @Test
  void timeoutsReadLikeKubectls() {
    KindInstall.Readiness r = new KindInstall.Readiness("ns", "pod", null, null, "Ready", "5m");
    assertThat(r.timeoutDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(new KindInstall.Readiness("ns", "pod", null, null, "Ready", "1h").timeoutDuration())
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theFileMustNameItsEnvironmentAndReferencedFilesMustExist(@TempDir Path dir)
      throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/bookinfo.yaml"));
    assertThatThrownBy(() -> read(yaml, "ecosystem"))
        .hasMessageContaining("environment 'bookinfo' should be 'ecosystem'");

    Files.createDirectories(dir.resolve("kind"));
    Files.writeString(dir.resolve("kind/bookinfo.yaml"), yaml);
    Environments onlyBookinfo =
        Environments.of(
            Map.of(
                "bookinfo.yaml",
                Files.readString(INFRA.resolve("environments/bookinfo.yaml")),
                "bookinfo/baseline/00-namespaces.yaml",
                Files.readString(
                    INFRA.resolve("environments/bookinfo/baseline/00-namespaces.yaml")),
                "bookinfo/baseline/10-istio-system.yaml",
                Files.readString(
                    INFRA.resolve("environments/bookinfo/baseline/10-istio-system.yaml")),
                "bookinfo/baseline/15-prometheus.yaml",
                Files.readString(
                    INFRA.resolve("environments/bookinfo/baseline/15-prometheus.yaml")),
                "bookinfo/baseline/20-bookinfo.yaml",
                Files.readString(
                    INFRA.resolve("environments/bookinfo/baseline/20-bookinfo.yaml"))));
    assertThatThrownBy(() -> KindInstalls.load(InfraFiles.directory(dir), onlyBookinfo))
        .hasMessageContaining("referenced files missing")
        .hasMessageContaining("istio/1.26/istiod-values.yaml")
        .hasMessageNotContaining("environments/bookinfo/baseline");
    assertThatThrownBy(
            () -> KindInstalls.load(InfraFiles.directory(dir.resolve("empty")), ENVIRONMENTS))
        .hasMessageContaining("environment bookinfo has no kind install");
  }

  private static KindInstall read(String yaml, String environment) {
    return KindInstalls.read(
        "test.yaml", yaml.getBytes(StandardCharsets.UTF_8), ENVIRONMENTS.get(environment));
  }
}
