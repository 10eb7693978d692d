package io.meshdojo.grader.intake;

import io.meshdojo.grader.model.ResourceKey;
import io.meshdojo.grader.model.aeraki.ApplicationProtocolSpec;
import io.meshdojo.grader.model.aeraki.DubboAuthorizationPolicySpec;
import io.meshdojo.grader.model.aeraki.MetaRouterSpec;
import io.meshdojo.grader.model.aeraki.RedisDestinationSpec;
import io.meshdojo.grader.model.aeraki.RedisServiceSpec;
import io.meshdojo.grader.model.slime.ServiceFenceSpec;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the grader reads, matched on API group and kind. Every served version of a kind maps to
 * one typed class: Istio's schema is the same in v1alpha3, v1beta1 and v1, so a VirtualService is
 * read into the v1 class whatever version the learner wrote.
 */
public final class Kinds {

  /** How one kind is read. {@code specType} is set for the grader's own models. */
  public record Kind(ResourceKey key, List<String> served, Class<?> type, Class<?> specType) {

    /**
     * Versions served by a cluster running Istio 1.{@code istioMinor}: Istio's v1 APIs (networking,
     * security, telemetry) exist from 1.22 on.
     */
    public List<String> served(int istioMinor) {
      if (istioMinor >= 22 || !key.group().endsWith(".istio.io")) {
        return served;
      }
      return served.stream().filter(v -> !v.equals("v1")).toList();
    }
  }

  /** The newest Istio minor version the grader knows; every served version is accepted. */
  public static final int LATEST_ISTIO_MINOR = 26;

  private static final Map<ResourceKey, Kind> KINDS = new LinkedHashMap<>();

  private static final List<String> NETWORKING = List.of("v1alpha3", "v1beta1", "v1");
  private static final List<String> SECURITY = List.of("v1beta1", "v1");
  private static final List<String> TELEMETRY = List.of("v1alpha1", "v1");

  static {
    fabric8("", "Namespace", List.of("v1"), io.fabric8.kubernetes.api.model.Namespace.class);
    fabric8("", "Service", List.of("v1"), io.fabric8.kubernetes.api.model.Service.class);
    fabric8("", "Pod", List.of("v1"), io.fabric8.kubernetes.api.model.Pod.class);
    // Read for the keys a Gateway's credentialName needs; values are only checked for their shape.
    fabric8("", "Secret", List.of("v1"), io.fabric8.kubernetes.api.model.Secret.class);
    // Mesh config (outbound traffic policy) lives in ConfigMap istio-system/istio.
    fabric8("", "ConfigMap", List.of("v1"), io.fabric8.kubernetes.api.model.ConfigMap.class);
    fabric8(
        "", "ServiceAccount", List.of("v1"), io.fabric8.kubernetes.api.model.ServiceAccount.class);
    // Injection webhooks: a revision tag (label istio.io/tag) injects with the revision it names.
    fabric8(
        "admissionregistration.k8s.io",
        "MutatingWebhookConfiguration",
        List.of("v1"),
        io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration
            .class);
    fabric8(
        "apps", "Deployment", List.of("v1"), io.fabric8.kubernetes.api.model.apps.Deployment.class);
    // Sidecar injection's webhooks: a troubleshooting lab's fix may be to repair or remove one.
    fabric8(
        "admissionregistration.k8s.io",
        "MutatingWebhookConfiguration",
        List.of("v1"),
        io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration
            .class);
    String net = "networking.istio.io";
    fabric8(
        net, "VirtualService", NETWORKING, io.fabric8.istio.api.networking.v1.VirtualService.class);
    fabric8(
        net,
        "DestinationRule",
        NETWORKING,
        io.fabric8.istio.api.networking.v1.DestinationRule.class);
    fabric8(net, "Gateway", NETWORKING, io.fabric8.istio.api.networking.v1.Gateway.class);
    fabric8(net, "ServiceEntry", NETWORKING, io.fabric8.istio.api.networking.v1.ServiceEntry.class);
    fabric8(net, "Sidecar", NETWORKING, io.fabric8.istio.api.networking.v1.Sidecar.class);
    fabric8(
        net, "WorkloadEntry", NETWORKING, io.fabric8.istio.api.networking.v1.WorkloadEntry.class);
    fabric8(
        net,
        "EnvoyFilter",
        List.of("v1alpha3"),
        io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter.class);
    String sec = "security.istio.io";
    fabric8(
        sec,
        "PeerAuthentication",
        SECURITY,
        io.fabric8.istio.api.security.v1.PeerAuthentication.class);
    fabric8(
        sec,
        "AuthorizationPolicy",
        SECURITY,
        io.fabric8.istio.api.security.v1.AuthorizationPolicy.class);
    fabric8(
        sec,
        "RequestAuthentication",
        SECURITY,
        io.fabric8.istio.api.security.v1.RequestAuthentication.class);
    fabric8(
        "telemetry.istio.io",
        "Telemetry",
        TELEMETRY,
        io.fabric8.istio.api.telemetry.v1alpha1.Telemetry.class);
    own("microservice.slime.io", "SmartLimiter", List.of("v1alpha2"), SmartLimiterSpec.class);
    own("microservice.slime.io", "ServiceFence", List.of("v1alpha1"), ServiceFenceSpec.class);
    own("metaprotocol.aeraki.io", "MetaRouter", List.of("v1alpha1"), MetaRouterSpec.class);
    own(
        "metaprotocol.aeraki.io",
        "ApplicationProtocol",
        List.of("v1alpha1"),
        ApplicationProtocolSpec.class);
    own("redis.aeraki.io", "RedisService", List.of("v1alpha1"), RedisServiceSpec.class);
    own("redis.aeraki.io", "RedisDestination", List.of("v1alpha1"), RedisDestinationSpec.class);
    own(
        "dubbo.aeraki.io",
        "DubboAuthorizationPolicy",
        List.of("v1alpha1"),
        DubboAuthorizationPolicySpec.class);
  }

  private Kinds() {}

  private static void fabric8(String group, String kind, List<String> served, Class<?> type) {
    ResourceKey key = new ResourceKey(group, kind);
    KINDS.put(key, new Kind(key, served, type, null));
  }

  private static void own(String group, String kind, List<String> served, Class<?> spec) {
    ResourceKey key = new ResourceKey(group, kind);
    KINDS.put(key, new Kind(key, served, null, spec));
  }

  public static Optional<Kind> find(ResourceKey key) {
    return Optional.ofNullable(KINDS.get(key));
  }

  /** Every kind the grader reads. */
  public static Map<ResourceKey, Kind> all() {
    return java.util.Collections.unmodifiableMap(KINDS);
  }

  /** Cluster-scoped kinds (no namespace). */
  public static boolean clusterScoped(String kind) {
    return kind.equals("Namespace")
        || kind.equals("ApplicationProtocol")
        || kind.equals("MutatingWebhookConfiguration");
  }
}
