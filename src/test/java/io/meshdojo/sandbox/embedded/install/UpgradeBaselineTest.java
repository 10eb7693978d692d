package io.meshdojo.sandbox.embedded.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.grader.api.Environments;
import io.meshdojo.sandbox.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upgrade environment's control plane is what a real revisioned install and {@code istioctl tag
 * set default} make: the baseline's istio-system objects are exactly those the embedded installer
 * writes for the environment's version and revision, so the canary lab starts from the state its
 * own commands would have produced.
 */
class UpgradeBaselineTest {

  private static final Path ENVIRONMENTS = Path.of("infra/environments");

  @Test
  void theBaselineControlPlaneIsTheInstallOfTheEnvironmentsRevisionWithTheDefaultTag()
      throws Exception {
    Environment env = Environments.fromDirectory(ENVIRONMENTS).get("upgrade");
    assertThat(env.istioRevision()).isNotEmpty();
    String file =
        env.baseline().stream().filter(p -> p.startsWith("upgrade/")).findFirst().orElseThrow();
    assertRendered(
        ENVIRONMENTS.resolve(file),
        installWithDefaultTag(env.istioVersion(), env.istioRevision(), List.of()));
  }

  /**
   * The canary-upgrade lab's reference solution holds what the terminal's {@code istioctl install
   * --revision <R>} and {@code istioctl tag set default --revision <R> --overwrite} write for the
   * environment's upgrade, so applying it and typing the commands end in the same objects.
   */
  @Test
  void theCanaryLabsSolutionIsWhatTheTerminalsIstioctlWrites() throws Exception {
    Environment env = Environments.fromDirectory(ENVIRONMENTS).get("upgrade");
    String version = env.istioctlVersion();
    String revision = "1-" + ControlPlane.minor(version);
    List<ObjectNode> before =
        Manifests.parse(
            Files.readString(ENVIRONMENTS.resolve("upgrade/baseline/10-istio-1-25.yaml")), "base");
    assertRendered(
        Path.of("labs/canary-upgrade/solution/10-istio-" + revision + ".yaml"),
        installWithDefaultTag(version, revision, before));
  }

  /** The install (without the IstioOperator record), then the default tag set to its revision. */
  private static List<ObjectNode> installWithDefaultTag(
      String version, String revision, List<ObjectNode> before) {
    IstioInstaller istioctl = new IstioInstaller(version);
    IstioInstaller.Plan install =
        istioctl.install(OperatorSpec.of(null, List.of(), revision), new ControlPlane(before));
    List<ObjectNode> expected = new ArrayList<>();
    install.writes().stream()
        // istioctl 1.24 and later keep no IstioOperator record in the cluster.
        .filter(o -> !o.path("kind").asText().equals("IstioOperator"))
        .forEach(expected::add);
    List<ObjectNode> now = new ArrayList<>(before);
    now.addAll(expected);
    expected.addAll(istioctl.tagSet("default", revision, true, new ControlPlane(now)).writes());
    return expected;
  }

  private static void assertRendered(Path file, List<ObjectNode> expected) throws Exception {
    List<ObjectNode> held = Manifests.parse(Files.readString(file), file.toString());
    if (!held.equals(expected)) {
      Path rendered = Path.of("target", file.getFileName().toString());
      Files.writeString(
          rendered, String.join("---\n", expected.stream().map(Manifests::toYaml).toList()));
    }
    assertThat(held).as("see target/" + file.getFileName()).isEqualTo(expected);
  }

  @Test
  void theTerminalsIstioctlIsTheNewestUpgradeOneMinorAhead() {
    Environment env = Environments.fromDirectory(ENVIRONMENTS).get("upgrade");
    assertThat(env.istioUpgrades()).isNotEmpty();
    assertThat(env.istioctlVersion())
        .isEqualTo(env.istioUpgrades().get(env.istioUpgrades().size() - 1));
    assertThat(ControlPlane.minor(env.istioctlVersion()))
        .isEqualTo(ControlPlane.minor(env.istioVersion()) + 1);
    Environment bookinfo = Environments.fromDirectory(ENVIRONMENTS).get("bookinfo");
    assertThat(bookinfo.istioctlVersion()).isEqualTo(bookinfo.istioVersion());
    assertThat(bookinfo.istioRevision()).isEmpty();
  }
}
