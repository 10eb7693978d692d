package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindInstallsTest {

  static final Path INFRA = Path.of("infra");

  @Test
  void bothEnvironmentsLoadWithTheirPinnedVersions() {
    Map<String, KindInstall> installs = KindInstalls.load(INFRA);
    assertThat(installs).containsOnlyKeys("bookinfo", "ecosystem");

    KindInstall bookinfo = installs.get("bookinfo");
    assertThat(bookinfo.istio().line()).isEqualTo("1.26");
    assertThat(bookinfo.slime()).isNull();
    assertThat(bookinfo.aeraki()).isNull();
    assertThat(bookinfo.node().kubernetes()).isEqualTo("1.32.0");

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
    assertThat(KindInstalls.runtimeImages(INFRA).helm().image())
        .isEqualTo("docker.io/alpine/helm:3.14.0");
  }

  @Test
  void aerakiIsRefusedWithAnIstioLineItDoesNotSupport() throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/ecosystem.yaml"));
    String on126 =
        yaml.replace("version: \"1.18.1\"", "version: \"1.26.3\"")
            .replace("line: \"1.18\"", "line: \"1.26\"");
    assertThatThrownBy(() -> read(on126))
        .hasMessageContaining("Aeraki 1.4.1 supports only Istio 1.18, not 1.26");
    String wrongProxy =
        yaml.replace("metaProtocolProxy: \"1.4.1\"", "metaProtocolProxy: \"1.3.0\"");
    assertThatThrownBy(() -> read(wrongProxy))
        .hasMessageContaining("meta-protocol-proxy 1.3.0 does not belong to Aeraki 1.4.1");
  }

  @Test
  void theIstioLineMustMatchTheVersion() throws IOException {
    String yaml =
        Files.readString(INFRA.resolve("kind/bookinfo.yaml"))
            .replace("version: \"1.26.3\"", "version: \"1.25.2\"");
    assertThatThrownBy(() -> read(yaml))
        .hasMessageContaining("istio.line 1.26 does not match istio.version 1.25.2");
  }

  @Test
  void unknownKeysMissingPartsAndBadTimeoutsAreErrorsNamingTheFile() throws IOException {
    String yaml = Files.readString(INFRA.resolve("kind/bookinfo.yaml"));
    assertThatThrownBy(() -> read(yaml + "colour: blue\n"))
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> read(yaml.replace("  image: docker.io/kindest/node:v1.32.0\n", "")))
        .hasMessageContaining("node.image is missing");
    assertThatThrownBy(() -> read(yaml.replace("timeout: 300s}", "timeout: soon}")))
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
  void theFileNameMustBeTheEnvironmentAndReferencedFilesMustExist(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("kind"));
    String yaml = Files.readString(INFRA.resolve("kind/bookinfo.yaml"));
    Files.writeString(dir.resolve("kind/petstore.yaml"), yaml);
    assertThatThrownBy(() -> KindInstalls.load(dir))
        .hasMessageContaining("environment 'bookinfo' should be 'petstore'");

    Files.delete(dir.resolve("kind/petstore.yaml"));
    Files.writeString(dir.resolve("kind/bookinfo.yaml"), yaml);
    assertThatThrownBy(() -> KindInstalls.load(dir))
        .hasMessageContaining("referenced files missing")
        .hasMessageContaining("istio/1.26/istiod-values.yaml")
        .hasMessageNotContaining("environments/bookinfo/baseline");
  }

  private static KindInstall read(String yaml) throws IOException {
    Path file = Files.createTempFile("test", ".yaml");
    Path renamed = file.resolveSibling("test.yaml");
    try {
      Files.writeString(file, yaml);
      Files.move(file, renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return KindInstalls.read(renamed);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(renamed);
    }
  }
}
