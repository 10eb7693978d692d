package io.meshdojo.sandbox.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every kind the embedded API serves, grouped as discovery presents them. */
public final class ApiCatalog {

  private static final List<String> NONE = List.of();
  private static final List<String> ISTIO_NET = List.of("istio-io", "networking-istio-io");
  private static final List<String> ISTIO_SEC = List.of("istio-io", "security-istio-io");
  private static final List<String> ISTIO_TEL = List.of("istio-io", "telemetry-istio-io");
  private static final List<String> NET_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
  private static final List<String> SEC_VERSIONS = List.of("v1", "v1beta1");
  private static final List<String> TEL_VERSIONS = List.of("v1", "v1alpha1");

  public static final List<ResourceType> TYPES =
      List.of(
          core("namespaces", "namespace", "Namespace", false, List.of("ns"), NONE),
          core("services", "service", "Service", true, List.of("svc"), List.of("all")),
          core("pods", "pod", "Pod", true, List.of("po"), List.of("all")),
          core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), NONE),
          core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), NONE),
          core("secrets", "secret", "Secret", true, NONE, NONE),
          core("events", "event", "Event", true, List.of("ev"), NONE),
          new ResourceType(
              "apps",
              List.of("v1"),
              "deployments",
              "deployment",
              "Deployment",
              true,
              List.of("deploy"),
              List.of("all"),
              true),
          new ResourceType(
              "apps",
              List.of("v1"),
              "replicasets",
              "replicaset",
              "ReplicaSet",
              true,
              List.of("rs"),
              List.of("all"),
              true),
          // What an Istio install writes besides workloads: its injection webhooks (one per
          // revision and per revision tag) and the record of what was installed.
          new ResourceType(
              "admissionregistration.k8s.io",
              List.of("v1"),
              "mutatingwebhookconfigurations",
              "mutatingwebhookconfiguration",
              "MutatingWebhookConfiguration",
              false,
              NONE,
              List.of("api-extensions"),
              true),
          crd(
              "install.istio.io",
              List.of("v1alpha1"),
              "istiooperators",
              "IstioOperator",
              "iop",
              NONE),
          crd(
              "networking.istio.io",
              NET_VERSIONS,
              "virtualservices",
              "VirtualService",
              "vs",
              ISTIO_NET),
          crd(
              "networking.istio.io",
              NET_VERSIONS,
              "destinationrules",
              "DestinationRule",
              "dr",
              ISTIO_NET),
          crd("networking.istio.io", NET_VERSIONS, "gateways", "Gateway", "gw", ISTIO_NET),
          crd(
              "networking.istio.io",
              NET_VERSIONS,
              "serviceentries",
              "ServiceEntry",
              "se",
              ISTIO_NET),
          crd("networking.istio.io", NET_VERSIONS, "sidecars", "Sidecar", null, ISTIO_NET),
          crd(
              "networking.istio.io",
              List.of("v1alpha3"),
              "envoyfilters",
              "EnvoyFilter",
              null,
              ISTIO_NET),
          crd(
              "security.istio.io",
              SEC_VERSIONS,
              "peerauthentications",
              "PeerAuthentication",
              "pa",
              ISTIO_SEC),
          crd(
              "security.istio.io",
              SEC_VERSIONS,
              "authorizationpolicies",
              "AuthorizationPolicy",
              "ap",
              ISTIO_SEC),
          crd(
              "security.istio.io",
              SEC_VERSIONS,
              "requestauthentications",
              "RequestAuthentication",
              "ra",
              ISTIO_SEC),
          crd(
              "telemetry.istio.io",
              TEL_VERSIONS,
              "telemetries",
              "Telemetry",
              "telemetry",
              ISTIO_TEL),
          crd(
              "microservice.slime.io",
              List.of("v1alpha2"),
              "smartlimiters",
              "SmartLimiter",
              null,
              NONE),
          crd(
              "microservice.slime.io",
              List.of("v1alpha1"),
              "servicefences",
              "ServiceFence",
              null,
              NONE),
          crd(
              "metaprotocol.aeraki.io",
              List.of("v1alpha1"),
              "metarouters",
              "MetaRouter",
              null,
              NONE),
          crd(
              "metaprotocol.aeraki.io",
              List.of("v1alpha1"),
              "applicationprotocols",
              "ApplicationProtocol",
              null,
              NONE));

  private ApiCatalog() {}

  private static ResourceType core(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories) {
    return new ResourceType(
        "", List.of("v1"), plural, singular, kind, namespaced, shortNames, categories, true);
  }

  private static ResourceType crd(
      String group,
      List<String> versions,
      String plural,
      String kind,
      String shortName,
      List<String> categories) {
    return new ResourceType(
        group,
        versions,
        plural,
        kind.toLowerCase(),
        kind,
        true,
        shortName == null ? NONE : List.of(shortName),
        categories,
        false);
  }

  /**
   * Whether a sandbox running Istio 1.{@code istioMinor} serves this group version: Istio's v1 APIs
   * (networking, security, telemetry) exist from 1.22 on, the rule the grader's intake applies too
   * ({@code Kinds.Kind#served}), so what a sandbox accepts is what the grader reads.
   */
  public static boolean servedBy(String group, String version, int istioMinor) {
    return istioMinor >= 22 || !group.endsWith(".istio.io") || !version.equals("v1");
  }

  /** The newest version of a kind that a sandbox of Istio 1.{@code istioMinor} serves. */
  public static Optional<String> preferredVersion(ResourceType type, int istioMinor) {
    return type.versions().stream().filter(v -> servedBy(type.group(), v, istioMinor)).findFirst();
  }

  /**
   * Groups in discovery order, each with the versions Istio 1.{@code istioMinor} serves, in
   * preference order.
   */
  public static Map<String, List<String>> groups(int istioMinor) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceType t : TYPES) {
      if (t.group().isEmpty()) {
        continue;
      }
      List<String> versions = groups.computeIfAbsent(t.group(), g -> new ArrayList<>());
      for (String v : t.versions()) {
        if (!versions.contains(v) && servedBy(t.group(), v, istioMinor)) {
          versions.add(v);
        }
      }
    }
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  public static List<ResourceType> served(String group, String version) {
    return TYPES.stream()
        .filter(t -> t.group().equals(group) && t.versions().contains(version))
        .toList();
  }

  public static Optional<ResourceType> find(String group, String version, String resource) {
    return served(group, version).stream().filter(t -> t.resource().equals(resource)).findFirst();
  }

  public static Optional<ResourceType> byKind(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return served(group, version).stream().filter(t -> t.kind().equals(kind)).findFirst();
  }

  /** {@link #byKind}, for a sandbox running Istio 1.{@code istioMinor}. */
  public static Optional<ResourceType> byKind(String apiVersion, String kind, int istioMinor) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return servedBy(group, version, istioMinor) ? byKind(apiVersion, kind) : Optional.empty();
  }
}
