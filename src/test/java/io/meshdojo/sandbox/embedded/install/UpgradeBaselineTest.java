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
    IstioInstaller installedVersion = new IstioInstaller(env.istioVersion());
    IstioInstaller.Plan install =
        installedVersion.install(
            OperatorSpec.of(null, List.of(), env.istioRevision()), new ControlPlane(List.of()));
    List<ObjectNode> expected = new ArrayList<>();
    install.writes().stream()
        // istioctl 1.24 and later keep no IstioOperator record in the cluster.
        .filter(o -> !o.path("kind").asText().equals("IstioOperator"))
        .forEach(expected::add);
    expected.addAll(
        installedVersion
            .tagSet("default", env.istioRevision(), false, new ControlPlane(expected))
            .writes());
    String file =
        env.baseline().stream().filter(p -> p.startsWith("upgrade/")).findFirst().orElseThrow();
    List<ObjectNode> baseline = Manifests.parse(Files.readString(ENVIRONMENTS.resolve(file)), file);
    if (!baseline.equals(expected)) {
      Path rendered = Path.of("target/upgrade-baseline.yaml");
      Files.writeString(
          rendered, String.join("---\n", expected.stream().map(Manifests::toYaml).toList()));
    }
    assertThat(baseline).as("see target/upgrade-baseline.yaml").isEqualTo(expected);
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
