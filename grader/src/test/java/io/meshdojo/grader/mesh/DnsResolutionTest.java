package io.meshdojo.grader.mesh;

import static io.meshdojo.grader.mesh.MeshTestSupport.mesh;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.mesh.DnsResolution.Source;
import org.junit.jupiter.api.Test;

/** Names looked up from a pod: cluster DNS, the sidecar's DNS proxy, or nobody. */
class DnsResolutionTest {

  /** Two legacy hosts outside Kubernetes: one with an address, one without. */
  private static final String LEGACY =
      """
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: legacy-db, namespace: bookinfo}
      spec:
        hosts: [db.legacy.internal]
        ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]
        resolution: DNS
        location: MESH_EXTERNAL
      ---
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: legacy-api, namespace: bookinfo}
      spec:
        hosts: [api.legacy.internal]
        addresses: [10.20.0.7]
        ports: [{number: 80, name: http, protocol: HTTP}]
        resolution: STATIC
        endpoints: [{address: 10.20.0.7}]
      """;

  private static final String MESH_WIDE_CAPTURE =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: istio, namespace: istio-system}
      data:
        mesh: |
          defaultConfig:
            proxyMetadata:
              ISTIO_META_DNS_CAPTURE: "true"
      """;

  private static DnsResolution.Answer lookup(Mesh mesh, String from, String name) {
    return new DnsResolution(mesh).resolve(mesh.workload(from).orElseThrow(), name);
  }

  @Test
  void thePodsSearchListCompletesShortNamesBeforeTryingThemAsTheyAre() {
    assertThat(DnsResolution.searchList("reviews.bookinfo", "default"))
        .containsExactly(
            "reviews.bookinfo.default.svc.cluster.local",
            "reviews.bookinfo.svc.cluster.local",
            "reviews.bookinfo.cluster.local",
            "reviews.bookinfo");
    assertThat(DnsResolution.searchList("a.b.c.d.e.f", "default")).first().isEqualTo("a.b.c.d.e.f");

    Mesh mesh = mesh("bookinfo", LEGACY);
    assertThat(DnsResolution.registryHost(mesh, "reviews.bookinfo", "default"))
        .contains("reviews.bookinfo.svc.cluster.local");
    assertThat(DnsResolution.registryHost(mesh, "db.legacy.internal", "bookinfo"))
        .contains("db.legacy.internal");
    assertThat(DnsResolution.registryHost(mesh, "reviews", "default")).isEmpty();
  }

  @Test
  void withoutCaptureOnlyTheClusterDnsAndPublicNamesAnswer() {
    Mesh mesh = mesh("bookinfo", LEGACY);
    DnsResolution.Answer reviews = lookup(mesh, "bookinfo/productpage-v1", "reviews");
    assertThat(reviews.source()).isEqualTo(Source.CLUSTER_DNS);
    assertThat(reviews.host()).isEqualTo("reviews.bookinfo.svc.cluster.local");
    assertThat(lookup(mesh, "bookinfo/productpage-v1", "reviews.bookinfo").source())
        .isEqualTo(Source.CLUSTER_DNS);

    DnsResolution.Answer api = lookup(mesh, "bookinfo/productpage-v1", "api.legacy.internal");
    assertThat(api.resolved()).isFalse();
    assertThat(api.why()).contains("ISTIO_META_DNS_CAPTURE is off");
    assertThat(lookup(mesh, "bookinfo/productpage-v1", "www.example.com").source())
        .isEqualTo(Source.UPSTREAM);
  }

  @Test
  void captureAnswersServiceEntryAddressesAndTheAllocatorFillsTheRest() {
    Mesh mesh = mesh("bookinfo", LEGACY + "---\n" + MESH_WIDE_CAPTURE);
    DnsResolution.Answer api = lookup(mesh, "bookinfo/productpage-v1", "api.legacy.internal");
    assertThat(api.source()).isEqualTo(Source.ISTIO_AGENT);
    assertThat(api.address()).isEqualTo("10.20.0.7");

    DnsResolution.Answer db = lookup(mesh, "bookinfo/productpage-v1", "db.legacy.internal.");
    assertThat(db.source()).isEqualTo(Source.ISTIO_AGENT);
    assertThat(db.address())
        .startsWith("240.240.")
        .isEqualTo(DnsResolution.allocated("db.legacy.internal"));
    assertThat(lookup(mesh, "bookinfo/ratings-v1", "db.legacy.internal").address())
        .as("stable per host")
        .isEqualTo(db.address());
  }

  @Test
  void anEntryOptedOutOfAllocationOrWithResolutionNoneIsLeftToTheUpstreamDns() {
    String optedOut =
        LEGACY.replace(
            "metadata: {name: legacy-db, namespace: bookinfo}",
            "metadata:\n  name: legacy-db\n  namespace: bookinfo\n"
                + "  labels: {networking.istio.io/enable-autoallocate-ip: \"false\"}");
    Mesh mesh = mesh("bookinfo", optedOut + "---\n" + MESH_WIDE_CAPTURE);
    DnsResolution.Answer db = lookup(mesh, "bookinfo/productpage-v1", "db.legacy.internal");
    assertThat(db.resolved()).isFalse();
    assertThat(db.why()).contains("enable-autoallocate-ip");
    assertThat(lookup(mesh, "bookinfo/productpage-v1", "api.legacy.internal").address())
        .isEqualTo("10.20.0.7");

    Mesh none =
        mesh(
            "bookinfo",
            LEGACY.replace("resolution: DNS", "resolution: NONE") + "---\n" + MESH_WIDE_CAPTURE);
    assertThat(lookup(none, "bookinfo/productpage-v1", "db.legacy.internal").resolved()).isFalse();
  }

  @Test
  void aPodAnnotationTurnsCaptureOnForItsWorkloadOnly() {
    String annotated =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: legacy-client, namespace: bookinfo}
        spec:
          selector: {matchLabels: {app: legacy-client}}
          template:
            metadata:
              labels: {app: legacy-client}
              annotations:
                proxy.istio.io/config: |
                  proxyMetadata:
                    ISTIO_META_DNS_CAPTURE: "true"
            spec: {containers: [{name: app, image: curlimages/curl}]}
        """;
    Mesh mesh = mesh("bookinfo", LEGACY + "---\n" + annotated);
    assertThat(lookup(mesh, "bookinfo/legacy-client", "db.legacy.internal").source())
        .isEqualTo(Source.ISTIO_AGENT);
    assertThat(lookup(mesh, "bookinfo/productpage-v1", "db.legacy.internal").resolved()).isFalse();
  }

  @Test
  void aSidecarScopeThatLeavesTheEntryOutLeavesItsNameOutOfTheTable() {
    String scoped =
        """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: bookinfo}
        spec:
          egress: [{hosts: [./reviews.bookinfo.svc.cluster.local, istio-system/*]}]
        """;
    Mesh mesh = mesh("bookinfo", LEGACY + "---\n" + MESH_WIDE_CAPTURE + "---\n" + scoped);
    assertThat(lookup(mesh, "bookinfo/productpage-v1", "api.legacy.internal").resolved()).isFalse();
  }
}
