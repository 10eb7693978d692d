package io.meshdojo.sandbox.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.kind.InstallStep.AddHelmRepo;
import io.meshdojo.sandbox.kind.InstallStep.HelmInstall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelmCommandsTest {

  static List<HelmInstall> charts(String environment) {
    return InstallPlan.of(KindInstalls.load(Path.of("infra")).get(environment)).steps().stream()
        .filter(HelmInstall.class::isInstance)
        .map(HelmInstall.class::cast)
        .toList();
  }

  /** The values files a command line passes, in order. */
  static List<String> valuesOf(List<String> command) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.equals("--values") || arg.equals("-f")) {
        values.add(command.get(i + 1));
      } else if (arg.startsWith("--values=") || arg.startsWith("-f=")) {
        values.add(arg.substring(arg.indexOf('=') + 1));
      }
    }
    return values;
  }

  @Test
  void eachReleaseIsInstalledWithOnlyItsOwnValuesFileEvenAfterOthers() {
    for (String environment : List.of("bookinfo", "ecosystem")) {
      List<HelmInstall> charts = charts(environment);
      assertThat(charts).hasSize(3);
      // In plan order, as the executor runs them one after the other.
      List<List<String>> commands =
          charts.stream().map(c -> HelmCommands.install(c, HelmCommands.valuesPath(c))).toList();
      for (int i = 0; i < charts.size(); i++) {
        HelmInstall chart = charts.get(i);
        assertThat(valuesOf(commands.get(i)))
            .as("%s in %s", chart.release(), environment)
            .containsExactly(HelmCommands.valuesPath(chart));
      }
      assertThat(charts.stream().map(HelmCommands::valuesPath).distinct().count())
          .as("one values path per release")
          .isEqualTo(charts.size());
    }
  }

  @Test
  void theGatewayCommandCarriesNeitherBasesNorIstiodsValues() {
    List<HelmInstall> charts = charts("bookinfo");
    HelmInstall gateway = charts.get(2);
    List<String> command = HelmCommands.install(gateway, HelmCommands.valuesPath(gateway));
    assertThat(String.join(" ", command))
        .doesNotContain(HelmCommands.valuesPath(charts.get(0)))
        .doesNotContain(HelmCommands.valuesPath(charts.get(1)));
  }

  @Test
  void anInstallNamesReleaseChartNamespaceAndPinnedVersion() {
    HelmInstall istiod =
        new HelmInstall("istiod", "istio/istiod", "1.26.3", "istio-system", "istio/x.yaml");
    List<String> command = HelmCommands.install(istiod, "/meshdojo/values/istiod.yaml");
    assertThat(command.subList(0, 4)).containsExactly("helm", "install", "istiod", "istio/istiod");
    assertThat(String.join(" ", command))
        .contains("--namespace istio-system")
        .contains("--version 1.26.3")
        .contains("--create-namespace");
    assertThat(Collections.frequency(command, "--values")).isEqualTo(1);
  }

  @Test
  void aRepositoryIsAddedIdempotently() {
    assertThat(HelmCommands.repoAdd(new AddHelmRepo("istio", "https://charts.example/istio")))
        .containsExactly(
            "helm", "repo", "add", "--force-update", "istio", "https://charts.example/istio");
  }
}
