package io.meshdojo.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.testing.Prerequisite;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slime's lazyload module in the embedded sandbox, through the real kubectl: a ServiceFence renders
 * its Sidecar, a curl from the fenced workload goes through the global-sidecar and grows it, labels
 * create and remove fences, and nothing happens where the environment has no Slime.
 */
@QuarkusTest
class LazyloadKubectlTest {

  private static final String HOSTS = "jsonpath={.spec.egress[0].hosts}";

  @BeforeAll
  static void needsKubectl() {
    Prerequisite.KUBECTL.require();
  }

  private static String okOf(Kubectl.Result r) {
    return r.ok();
  }

  private static void fenceProductpage(Kubectl k) throws Exception {
    okOf(
        k.apply(
            """
            apiVersion: microservice.slime.io/v1alpha1
            kind: ServiceFence
            metadata: {name: productpage, namespace: bookinfo}
            spec: {enable: true}
            """));
  }

  private static String get(Kubectl k, String what, String output) throws Exception {
    return okOf(k.run("-n", "bookinfo", "get", what, "-o", output));
  }

  /**
   * A curl from the deployment's application container, typed as a learner types it (the pods name
   * no default container).
   */
  private static String curl(Kubectl k, String from, String url) throws Exception {
    return okOf(
        k.bash(
            "kubectl -n bookinfo exec deploy/"
                + from
                + " -c "
                + from.substring(0, from.indexOf('-'))
                + " -- curl -s -o /dev/null -w '%{http_code}\\n' "
                + url));
  }

  @Test
  void aFenceStartsMinimalAndGrowsWithTheCallsItsWorkloadMakes() throws Exception {
    Kubectl k = Kubectl.forNewSession("slime-lazyload");
    fenceProductpage(k);
    assertThat(get(k, "sidecar/productpage", HOSTS))
        .isEqualTo("[\"istio-system/*\",\"mesh-operator/*\"]");
    assertThat(get(k, "sidecar/productpage", "jsonpath={.metadata.ownerReferences[0].kind}"))
        .isEqualTo("ServiceFence");
    assertThat(get(k, "sidecar/productpage", "jsonpath={.spec.workloadSelector.labels.app}"))
        .isEqualTo("productpage");

    // The first call has no route in productpage's proxy: the global-sidecar answers for it.
    assertThat(curl(k, "productpage-v1", "http://reviews:9080/reviews/0")).isEqualTo("200\n");
    assertThat(get(k, "servicefence/productpage", "jsonpath={.status.domains}"))
        .contains("reviews.bookinfo.svc.cluster.local");
    assertThat(get(k, "sidecar/productpage", HOSTS))
        .isEqualTo(
            "[\"*/reviews.bookinfo.svc.cluster.local\",\"istio-system/*\",\"mesh-operator/*\"]");

    assertThat(curl(k, "productpage-v1", "http://details:9080/details/0")).isEqualTo("200\n");
    assertThat(get(k, "sidecar/productpage", HOSTS))
        .contains("*/details.bookinfo.svc.cluster.local", "*/reviews.bookinfo.svc.cluster.local");

    // A workload without a fence learns nothing, and a hand edit of the Sidecar is put back.
    assertThat(curl(k, "reviews-v2", "http://ratings:9080/ratings/0")).isEqualTo("200\n");
    assertThat(okOf(k.run("-n", "bookinfo", "get", "servicefences", "-o", "name")))
        .isEqualTo("servicefence.microservice.slime.io/productpage\n");
    okOf(
        k.run(
            "-n",
            "bookinfo",
            "patch",
            "sidecar",
            "productpage",
            "--type=merge",
            "-p",
            "{\"spec\":{\"egress\":[{\"hosts\":[\"*/*\"]}]}}"));
    assertThat(get(k, "sidecar/productpage", HOSTS)).doesNotContain("\"*/*\"");

    // Deleting the fence takes its Sidecar with it.
    okOf(k.run("-n", "bookinfo", "delete", "servicefence", "productpage"));
    assertThat(okOf(k.run("-n", "bookinfo", "get", "sidecars", "-o", "name"))).isBlank();
  }

  @Test
  void theLabelMakesSlimeCreateAndRemoveTheFences() throws Exception {
    Kubectl k = Kubectl.forNewSession("slime-lazyload");
    okOf(k.run("label", "namespace", "bookinfo", "slime.io/serviceFenced=true"));
    assertThat(okOf(k.run("-n", "bookinfo", "get", "servicefences", "-o", "name")).lines())
        .containsExactlyInAnyOrder(
            "servicefence.microservice.slime.io/details",
            "servicefence.microservice.slime.io/productpage",
            "servicefence.microservice.slime.io/ratings",
            "servicefence.microservice.slime.io/reviews");
    assertThat(
            get(
                k,
                "servicefence/reviews",
                "jsonpath={.metadata.labels.app\\.kubernetes\\.io/created-by}"))
        .isEqualTo("fence-controller");
    assertThat(okOf(k.run("-n", "bookinfo", "get", "sidecars", "-o", "name")).lines()).hasSize(4);

    // The Service's own "false" wins over its namespace's "true".
    okOf(k.run("-n", "bookinfo", "label", "service", "ratings", "slime.io/serviceFenced=false"));
    assertThat(okOf(k.run("-n", "bookinfo", "get", "servicefences", "-o", "name")))
        .doesNotContain("ratings");

    okOf(k.run("label", "namespace", "bookinfo", "slime.io/serviceFenced-"));
    assertThat(okOf(k.run("-n", "bookinfo", "get", "servicefences,sidecars", "-o", "name")))
        .isBlank();
  }

  @Test
  void withoutSlimeInTheEnvironmentAFenceRendersNothing() throws Exception {
    Kubectl k = Kubectl.forNewSession("request-routing");
    fenceProductpage(k);
    assertThat(okOf(k.run("-n", "bookinfo", "get", "sidecars", "-o", "name"))).isBlank();
  }
}
