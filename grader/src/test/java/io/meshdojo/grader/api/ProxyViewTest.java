package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's view of proxies, as the simulated data plane asks for it, on the labs' own files. */
class ProxyViewTest {

  private static final Environments ENVIRONMENTS =
      Environments.fromDirectory(Path.of("infra", "environments"));

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> bookinfoWith(String... files) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    ENVIRONMENTS.baseline("bookinfo").stream().map(Resource::raw).forEach(objects::add);
    for (String f : files) {
      for (Yaml.Document d : Yaml.documents(Files.readString(Path.of("labs", f)))) {
        objects.add((Map<String, Object>) d.value());
      }
    }
    return objects;
  }

  @Test
  void accessLogsOfTheTelemetryLabsSolution() throws Exception {
    ProxyView view =
        ProxyView.of(
            bookinfoWith(
                "telemetry-access-logs/setup/00-clients-and-faults.yaml",
                "telemetry-access-logs/solution/telemetry.yaml"));
    Map<String, String> none = Map.of();
    assertThat(
            view.logs(
                "bookinfo/reviews-v2", false, "GET", "ratings", "/ratings/0", none, 503, "FI"))
        .isTrue();
    assertThat(
            view.logs("bookinfo/reviews-v2", false, "GET", "ratings", "/ratings/0", none, 200, "-"))
        .isFalse();
    assertThat(
            view.logs("bookinfo/productpage-v1", true, "GET", "productpage", "/", none, 200, "-"))
        .isTrue();
    assertThat(view.logs("default/sleep", false, "GET", "ratings", "/", none, 503, "FI")).isFalse();
    assertThat(view.logs("nowhere/nobody", false, "GET", "x", "/", none, 500, "-")).isFalse();
  }

  @Test
  void configSizeOfTheSidecarLabBeforeAndAfter() throws Exception {
    ProxyView before = ProxyView.of(bookinfoWith("sidecar-scoping/setup/00-other-teams.yaml"));
    ProxyView after =
        ProxyView.of(
            bookinfoWith(
                "sidecar-scoping/setup/00-other-teams.yaml",
                "sidecar-scoping/setup/10-bookinfo-routing.yaml",
                "sidecar-scoping/solution/sidecars.yaml"));
    assertThat(before.configSize("bookinfo/productpage-v1").orElseThrow().clusters())
        .contains("outbound|8080||ledger.payments.svc.cluster.local")
        .hasSize(4 + 8 + 40 + 1 + 7);
    ProxyView.ConfigSize slim = after.configSize("bookinfo/productpage-v1").orElseThrow();
    assertThat(slim.clusters())
        .hasSize(21)
        .contains("outbound|9080|v1|reviews.bookinfo.svc.cluster.local")
        .doesNotContain("outbound|9080||ratings.bookinfo.svc.cluster.local");
    assertThat(slim.routes()).isEqualTo(6);
    assertThat(after.configSize("bookinfo/reviews-v2").orElseThrow().clusters()).hasSize(23);
    assertThat(after.holds("bookinfo/productpage-v1", "ratings.bookinfo.svc.cluster.local"))
        .isFalse();
    assertThat(after.holds("bookinfo/reviews-v2", "ratings.bookinfo.svc.cluster.local")).isTrue();
  }
}
