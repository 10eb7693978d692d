package io.meshdojo.grader.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data plane's questions to the mesh model, through the api only. */
class MeshAnswersTest {

  private static final Grader GRADER = Grader.fromDirectory(Path.of("labs"));

  private static MeshAnswers bookinfoWith(String... labFiles) throws Exception {
    List<Map<String, Object>> objects = maps(GRADER.environments().baselineFiles("bookinfo"));
    for (String file : labFiles) {
      objects.addAll(maps(List.of(new Submission(file, Files.readString(Path.of(file))))));
    }
    return MeshAnswers.of(objects);
  }

  private static MeshAnswers.Call reviews(Map<String, String> headers) {
    return new MeshAnswers.Call(
        "bookinfo/ratings-v1", "reviews", 9080, "GET", "/reviews/0", headers);
  }

  @Test
  void weightedRoutesAnswerWithTheirSharesAndIstiosClusterNames() throws Exception {
    MeshAnswers answers = bookinfoWith("labs/traffic-shifting/solution/reviews-80-20.yaml");
    List<MeshAnswers.Answer> split = answers.answer(reviews(Map.of()));
    assertThat(split).extracting(MeshAnswers.Answer::version).containsExactly("v1", "v3");
    assertThat(split).extracting(MeshAnswers.Answer::probability).containsExactly(0.8, 0.2);
    MeshAnswers.Answer v1 = split.get(0);
    assertThat(v1.reached()).isTrue();
    assertThat(v1.workload()).isEqualTo("reviews-v1");
    assertThat(v1.upstreamCluster())
        .isEqualTo("outbound|9080|v1|reviews.bookinfo.svc.cluster.local");
    assertThat(v1.inboundCluster()).isEqualTo("inbound|9080||");
    assertThat(v1.responseFlags()).isEqualTo("-");
    assertThat(v1.proxyBody()).isNull();
  }

  @Test
  void aHeaderMatchPicksItsSubset() throws Exception {
    MeshAnswers answers = bookinfoWith("labs/request-routing/solution/reviews-routing.yaml");
    assertThat(answers.answer(reviews(Map.of("end-user", "jason"))))
        .singleElement()
        .extracting(MeshAnswers.Answer::workload)
        .isEqualTo("reviews-v2");
    assertThat(answers.answer(reviews(Map.of())))
        .singleElement()
        .extracting(MeshAnswers.Answer::workload)
        .isEqualTo("reviews-v1");
  }

  @Test
  void failuresCarryEnvoysStatusFlagsAndBody() throws Exception {
    Path missingSubset = Files.createTempFile("vs-", ".yaml");
    Files.writeString(
        missingSubset,
        """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews, subset: v9}
        """);
    MeshAnswers.Answer noCluster =
        bookinfoWith(missingSubset.toString()).answer(reviews(Map.of())).get(0);
    assertThat(noCluster.status()).isEqualTo(503);
    assertThat(noCluster.responseFlags()).isEqualTo("NC");
    assertThat(noCluster.workload()).isNull();

    MeshAnswers answers = bookinfoWith();
    assertThat(answers.hasWorkload("bookinfo/ratings-v1")).isTrue();
    assertThat(answers.hasSidecar("bookinfo/ratings-v1")).isTrue();
    assertThat(answers.registryHost("reviews", "bookinfo"))
        .contains("reviews.bookinfo.svc.cluster.local");
    assertThat(answers.registryHost("nowhere", "bookinfo")).isEmpty();
    assertThat(answers.resolves("bookinfo/ratings-v1", "reviews")).isTrue();
    assertThat(answers.resolves("bookinfo/ratings-v1", "db.legacy.internal")).isFalse();
  }

  @Test
  void mutualTlsIsWhatTheClientsProxySendsToTheAnsweringWorkload() throws Exception {
    MeshAnswers auto = bookinfoWith();
    MeshAnswers.Answer reached = auto.answer(reviews(Map.of())).get(0);
    assertThat(auto.mutualTls("bookinfo/ratings-v1", reached, 9080)).isTrue();

    // A DestinationRule with tls DISABLE turns auto mTLS off for its host only.
    MeshAnswers disabled = bookinfoWith("labs/troubleshoot-503/setup/40-details-policy.yaml");
    MeshAnswers.Call details =
        new MeshAnswers.Call(
            "bookinfo/productpage-v1", "details", 9080, "GET", "/details/0", Map.of());
    MeshAnswers.Answer plain = disabled.answer(details).get(0);
    assertThat(plain.reached()).isTrue();
    assertThat(disabled.mutualTls("bookinfo/productpage-v1", plain, 9080)).isFalse();
    assertThat(auto.mutualTls("bookinfo/productpage-v1", auto.answer(details).get(0), 9080))
        .isTrue();
  }

  @Test
  void podsOfADeploymentAreThatDeploymentNotWorkloadsOfTheirOwn() throws Exception {
    List<Map<String, Object>> objects = maps(GRADER.environments().baselineFiles("bookinfo"));
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.put(
        "metadata",
        Map.of(
            "name",
            "reviews-v1-abc-xyz",
            "namespace",
            "bookinfo",
            "labels",
            Map.of("app", "reviews", "version", "v1"),
            "ownerReferences",
            List.of(
                Map.of(
                    "apiVersion", "apps/v1",
                    "kind", "ReplicaSet",
                    "name", "reviews-v1-abc",
                    "uid", "1",
                    "controller", true))));
    pod.put("spec", Map.of("containers", List.of(Map.of("name", "reviews", "image", "x"))));
    objects.add(pod);
    MeshAnswers answers = MeshAnswers.of(objects);
    assertThat(answers.hasWorkload("bookinfo/reviews-v1-abc-xyz")).isFalse();
    assertThat(answers.answer(reviews(Map.of())))
        .extracting(MeshAnswers.Answer::workload)
        .containsExactlyInAnyOrder("reviews-v1", "reviews-v2", "reviews-v3");
  }

  private static List<Map<String, Object>> maps(List<Submission> files) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Submission file : files) {
      for (Yaml.Document doc : Yaml.documents(file.text())) {
        if (doc.value() instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, Object> object = (Map<String, Object>) m;
          objects.add(object);
        }
      }
    }
    return objects;
  }

  private static MeshAnswers.GatewayCall gateway(String host, String path, String bearer) {
    return new MeshAnswers.GatewayCall(
        "istio-system/istio-ingressgateway", host, 80, "GET", path, Map.of(), null, false, bearer);
  }

  @Test
  void aRequestToTheGatewaysServiceIsRoutedByItsHostAtTheListener() throws Exception {
    MeshAnswers answers = bookinfoWith("labs/ingress-gateway/solution/bookinfo-ingress.yaml");
    assertThat(answers.gatewayBehind("istio-ingressgateway.istio-system.svc.cluster.local"))
        .contains("istio-system/istio-ingressgateway");
    assertThat(answers.registryHost("istio-ingressgateway.istio-system", "bookinfo"))
        .contains("istio-ingressgateway.istio-system.svc.cluster.local");
    assertThat(answers.answerAtGateway(gateway("bookinfo.example.com", "/productpage", null)))
        .singleElement()
        .extracting(MeshAnswers.Answer::workload, MeshAnswers.Answer::status)
        .containsExactly("productpage-v1", 200);
    assertThat(answers.answerAtGateway(gateway("shop.example.com", "/productpage", null)))
        .singleElement()
        .extracting(MeshAnswers.Answer::status)
        .isEqualTo(404);
  }

  @Test
  void aGatewayAnswers401ForATokenThatFailsVerification() throws Exception {
    MeshAnswers answers =
        bookinfoWith(
            "labs/jwt-auth/setup/10-bookinfo-ingress.yaml",
            "labs/jwt-auth/solution/gateway-jwt.yaml");
    MeshAnswers.Answer bad =
        answers
            .answerAtGateway(gateway("bookinfo.example.com", "/productpage", "not-a-token"))
            .get(0);
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.proxyBody()).isEqualTo("Jwt verification fails");
    assertThat(answers.answerAtGateway(gateway("bookinfo.example.com", "/productpage", null)))
        .extracting(MeshAnswers.Answer::status)
        .containsExactly(403);
  }

  @Test
  void slimesAverageQuotaIsEachPodsShareOfTheTotal() throws Exception {
    MeshAnswers answers =
        bookinfoWith("labs/slime-smartlimiter/solution/reviews-smartlimiter.yaml");
    assertThat(answers.rateLimit("reviews.bookinfo.svc.cluster.local", 9080))
        .contains(new MeshAnswers.RateLimit(10.0, true));
    assertThat(answers.rateLimit("ratings.bookinfo.svc.cluster.local", 9080)).isEmpty();
    assertThat(answers.rateLimit("reviews", 9080)).isEmpty();
  }
}
