package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.mesh.Lazyload;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Slime's lazyload as the grader sees it: fences, rendered Sidecars, the fallback, learning. */
class SlimeLazyloadTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));

  private static final String LABEL_NAMESPACE =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: bookinfo
        labels: {istio-injection: enabled, slime.io/serviceFenced: "true"}
      """;

  private static GradeResult grade(String yaml) {
    return GRADER.grade("slime-lazyload", List.of(new Submission("submission.yaml", yaml)), "en");
  }

  private static GradeResult.ObjectiveResult objective(GradeResult r, String id) {
    return r.objectives().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
  }

  /** The cluster count the model gives a proxy, read from the objective's evidence. */
  private static int clusters(GradeResult r, String objective, String proxy) {
    Pattern p = Pattern.compile(Pattern.quote(proxy) + "'s proxy (\\d+) clusters");
    for (String line : objective(r, objective).evidence()) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no evidence for " + proxy + " in " + objective(r, objective));
  }

  @Test
  void theFirstCallGoesThroughTheGlobalSidecarWithTheMeshRules() {
    List<Resource> state =
        SlimeLazyload.settle(
            List.copyOf(
                GRADER
                    .landed(
                        "slime-lazyload",
                        List.of(new Submission("submission.yaml", LABEL_NAMESPACE)),
                        new ArrayList<>())
                    .values()));
    Router router = new Router(new Mesh(state));
    List<Outcome> first =
        router.route(Request.get("bookinfo/productpage-v1", "reviews", 9080).withPath("/r/0"));
    assertThat(first)
        .allSatisfy(
            o -> {
              assertThat(o.via()).containsExactly(Lazyload.GLOBAL_SIDECAR_ID);
              assertThat(o.workload().version()).isEqualTo("v2");
              assertThat(String.join(" ", o.trace())).contains(Lazyload.fallbackCluster(9080));
            });
    // A port Slime does not lazy-load leaves the mesh's rules behind, as without Slime.
    assertThat(router.route(Request.get("bookinfo/productpage-v1", "accounts.crm", 8080)))
        .allSatisfy(o -> assertThat(o.via()).isEmpty());
    GradeResult r = grade(LABEL_NAMESPACE);
    assertThat(r.passed()).as(r.objectives().toString()).isTrue();
    r.objectives().forEach(o -> System.out.println(o.id() + " " + o.evidence()));
  }

  @Test
  void lazyLoadingShrinksEveryProxyFarBelowTheFullMesh() {
    int lazy = clusters(grade(LABEL_NAMESPACE), "productpage-slim", "bookinfo/productpage-v1");
    int full = clusters(grade(""), "productpage-slim", "bookinfo/productpage-v1");
    System.out.println("productpage clusters: without lazy loading " + full + ", with " + lazy);
    assertThat(lazy).isLessThan(full / 3);
  }

  @Test
  void aFenceForAnotherNamespaceRendersNoSidecarForBookinfo() {
    GradeResult r =
        grade(
            """
            apiVersion: microservice.slime.io/v1alpha1
            kind: ServiceFence
            metadata: {name: productpage, namespace: default}
            spec: {enable: true}
            """);
    assertThat(objective(r, "bookinfo-fenced").passed()).isFalse();
    assertThat(objective(r, "productpage-slim").passed()).isFalse();
  }

  @Test
  void theLearnedHostsAreTheCalledOnes() {
    GradeResult r = grade(LABEL_NAMESPACE);
    assertThat(objective(r, "productpage-sidecar-grew").passed()).isTrue();
    // details calls nobody: it keeps its minimal Sidecar.
    int details = clusters(r, "others-slim", "bookinfo/details-v1");
    int reviews = clusters(r, "reviews-hold-ratings", "bookinfo/reviews-v2");
    assertThat(details).isLessThan(reviews);
  }

  @Test
  void theFallbackPortsAreTheInstalledWormholePorts() throws Exception {
    String install = Files.readString(Path.of("infra/slime/0.9.0/lazyload.yaml"));
    Matcher block =
        Pattern.compile("wormholePort:\\n((?:\\s+(?:#.*|- \"\\d+\")\\n)+)").matcher(install);
    assertThat(block.find()).isTrue();
    List<Integer> ports =
        Pattern.compile("- \"(\\d+)\"")
            .matcher(block.group(1))
            .results()
            .map(m -> Integer.parseInt(m.group(1)))
            .toList();
    assertThat(ports).isEqualTo(Lazyload.WORMHOLE_PORTS);
  }
}
