package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.meshdojo.grader.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Peer authentication, client TLS and authorization, as Istio composes them. */
public final class Security {

  /** Effective server-side mTLS mode. */
  public enum Mode {
    STRICT,
    PERMISSIVE,
    DISABLE
  }

  /** The decision of the authorization policies and the policy that made it. */
  public record Decision(boolean allowed, String policy) {}

  private final Mesh mesh;
  private final JwtAuthentication jwt;

  public Security(Mesh mesh) {
    this.mesh = mesh;
    this.jwt = new JwtAuthentication(mesh);
  }

  /**
   * Effective PeerAuthentication mode for a workload's container port: workload policy (selector,
   * outside the root namespace) over namespace policy over mesh policy; UNSET inherits; none means
   * PERMISSIVE. Selector policies in the root namespace are ignored.
   */
  public Mode mode(Workload w, int targetPort) {
    PeerAuthenticationMutualTLSMode workload = null;
    PeerAuthenticationMutualTLSMode namespace = null;
    PeerAuthenticationMutualTLSMode meshWide = null;
    for (Resource r : mesh.of("PeerAuthentication")) {
      var spec = r.as(PeerAuthentication.class).getSpec();
      if (spec == null) {
        continue;
      }
      boolean hasSelector =
          spec.getSelector() != null
              && spec.getSelector().getMatchLabels() != null
              && !spec.getSelector().getMatchLabels().isEmpty();
      PeerAuthenticationMutualTLSMode m = modeOf(spec.getMtls());
      if (hasSelector) {
        if (r.namespace().equals(Mesh.ROOT_NAMESPACE)
            || !r.namespace().equals(w.namespace())
            || !w.matches(spec.getSelector().getMatchLabels())) {
          continue;
        }
        if (spec.getPortLevelMtls() != null) {
          PeerAuthenticationMutualTLS port =
              spec.getPortLevelMtls().get(String.valueOf(targetPort));
          PeerAuthenticationMutualTLSMode pm = modeOf(port);
          if (pm != null) {
            m = pm;
          }
        }
        if (workload == null && m != null) {
          workload = m;
        }
      } else if (r.namespace().equals(w.namespace()) && namespace == null) {
        namespace = m;
      } else if (r.namespace().equals(Mesh.ROOT_NAMESPACE) && meshWide == null) {
        meshWide = m;
      }
    }
    for (PeerAuthenticationMutualTLSMode m :
        new PeerAuthenticationMutualTLSMode[] {workload, namespace, meshWide}) {
      if (m != null && m != PeerAuthenticationMutualTLSMode.UNSET) {
        return Mode.valueOf(m.name());
      }
    }
    return Mode.PERMISSIVE;
  }

  private static PeerAuthenticationMutualTLSMode modeOf(PeerAuthenticationMutualTLS m) {
    return m == null ? null : m.getMode();
  }

  /**
   * The TLS settings a client applies towards a host, subset and port: the top-level traffic
   * policy, replaced by a matching port-level setting, replaced by the subset's own policy. Empty
   * when no DestinationRule sets tls (auto mTLS then applies).
   */
  public Optional<ClientTLSSettings> clientTls(
      String fqdnHost, String subset, int port, String clientNs) {
    List<Resource> drs = mesh.destinationRules(fqdnHost, clientNs);
    if (drs.isEmpty()) {
      return Optional.empty();
    }
    var spec = drs.get(0).as(DestinationRule.class).getSpec();
    ClientTLSSettings tls = tlsOf(spec.getTrafficPolicy(), port);
    if (subset != null && spec.getSubsets() != null) {
      for (var s : spec.getSubsets()) {
        if (subset.equals(s.getName()) && s.getTrafficPolicy() != null) {
          ClientTLSSettings st = tlsOf(s.getTrafficPolicy(), port);
          if (st != null) {
            tls = st;
          }
        }
      }
    }
    return Optional.ofNullable(tls);
  }

  private static ClientTLSSettings tlsOf(TrafficPolicy tp, int port) {
    if (tp == null) {
      return null;
    }
    ClientTLSSettings tls = tp.getTls();
    if (tp.getPortLevelSettings() != null) {
      for (var p : tp.getPortLevelSettings()) {
        if (p.getPort() != null
            && p.getPort().getNumber() != null
            && p.getPort().getNumber() == port) {
          tls = p.getTls();
        }
      }
    }
    return tls;
  }

  /**
   * Whether the client's proxy sends Istio mTLS: DestinationRule ISTIO_MUTUAL yes, DISABLE/SIMPLE/
   * MUTUAL no; without a tls setting auto mTLS sends it when the server has a sidecar that does not
   * disable mTLS.
   */
  public boolean sendsMtls(
      Workload client, Workload server, String fqdnHost, String subset, int port, int targetPort) {
    if (!client.sidecar()) {
      return false;
    }
    Optional<ClientTLSSettings> tls = clientTls(fqdnHost, subset, port, client.namespace());
    if (tls.isPresent() && tls.get().getMode() != null) {
      return tls.get().getMode() == ClientTLSSettingsTLSmode.ISTIO_MUTUAL;
    }
    return server.sidecar() && mode(server, targetPort) != Mode.DISABLE;
  }

  /** Whether the connection is accepted: STRICT needs mTLS; DISABLE refuses it. */
  public boolean accepts(Workload server, int targetPort, boolean mtls) {
    if (!server.sidecar()) {
      return !mtls;
    }
    return switch (mode(server, targetPort)) {
      case STRICT -> mtls;
      case DISABLE -> !mtls;
      case PERMISSIVE -> true;
    };
  }

  /** Authorization for a request arriving at {@code server}: CUSTOM, DENY, then ALLOW. */
  public Decision authorize(
      Workload client, boolean mtls, Workload server, int targetPort, Request req) {
    // From here on the request carries the identity the server's proxy authenticated, if any.
    JwtToken identity = jwt.authenticate(server, req.jwt()).identity();
    if (identity != req.jwt()) {
      req = req.withJwt(identity);
    }
    List<Resource> applicable =
        mesh.of("AuthorizationPolicy").stream().filter(r -> applies(r, server)).toList();
    // CUSTOM first: a matching request goes to an external authorizer the grader cannot ask, so
    // it is counted as denied (the conservative reading for a lab).
    for (Resource r : applicable) {
      var spec = r.as(AuthorizationPolicy.class).getSpec();
      if (spec.getAction() == AuthorizationPolicyAction.CUSTOM
          && anyRule(spec.getRules(), r.namespace(), client, mtls, targetPort, req)) {
        return new Decision(false, r.ref() + " (CUSTOM, external authorizer assumed to deny)");
      }
    }
    for (Resource r : applicable) {
      var spec = r.as(AuthorizationPolicy.class).getSpec();
      if (spec.getAction() == AuthorizationPolicyAction.DENY
          && anyRule(spec.getRules(), r.namespace(), client, mtls, targetPort, req)) {
        return new Decision(false, r.ref());
      }
    }
    boolean anyAllow = false;
    for (Resource r : applicable) {
      var spec = r.as(AuthorizationPolicy.class).getSpec();
      AuthorizationPolicyAction action =
          spec.getAction() == null ? AuthorizationPolicyAction.ALLOW : spec.getAction();
      if (action != AuthorizationPolicyAction.ALLOW) {
        continue;
      }
      anyAllow = true;
      if (anyRule(spec.getRules(), r.namespace(), client, mtls, targetPort, req)) {
        return new Decision(true, r.ref());
      }
    }
    if (anyAllow) {
      return new Decision(false, "no ALLOW policy matched");
    }
    return new Decision(true, null);
  }

  private boolean applies(Resource r, Workload server) {
    var spec = r.as(AuthorizationPolicy.class).getSpec();
    if (spec == null) {
      return false;
    }
    boolean rootWide = r.namespace().equals(Mesh.ROOT_NAMESPACE);
    if (!rootWide && !r.namespace().equals(server.namespace())) {
      return false;
    }
    if (spec.getTargetRefs() != null && !spec.getTargetRefs().isEmpty()) {
      return false; // targetRefs bind to gateways/services in waypoint mode; not modelled for
      // sidecars.
    }
    Map<String, String> sel =
        spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
    return server.matches(sel);
  }

  private static boolean anyRule(
      List<Rule> rules, String policyNs, Workload client, boolean mtls, int port, Request req) {
    if (rules == null) {
      return false;
    }
    for (Rule rule : rules) {
      if (rule == null) {
        continue;
      }
      if (ruleMatches(rule, policyNs, client, mtls, port, req)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ruleMatches(
      Rule rule, String policyNs, Workload client, boolean mtls, int port, Request req) {
    if (rule.getFrom() != null && !rule.getFrom().isEmpty()) {
      boolean any = false;
      for (var from : rule.getFrom()) {
        if (from.getSource() != null
            && sourceMatches(from.getSource(), policyNs, client, mtls)
            && JwtAuthentication.principalMatches(
                from.getSource().getRequestPrincipals(),
                from.getSource().getNotRequestPrincipals(),
                req.jwt())) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    if (rule.getTo() != null && !rule.getTo().isEmpty()) {
      boolean any = false;
      for (var to : rule.getTo()) {
        if (to.getOperation() != null && operationMatches(to.getOperation(), port, req)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    if (rule.getWhen() != null) {
      for (var c : rule.getWhen()) {
        List<String> actual =
            c.getKey() != null && c.getKey().startsWith("request.auth.")
                ? JwtAuthentication.values(c.getKey(), req.jwt())
                : java.util.Collections.singletonList(
                    conditionValue(c.getKey(), client, mtls, port, req));
        if (c.getValues() != null
            && !c.getValues().isEmpty()
            && c.getValues().stream()
                .noneMatch(v -> actual.stream().anyMatch(a -> Matching.policyValue(v, a)))) {
          return false;
        }
        if (c.getNotValues() != null
            && c.getNotValues().stream()
                .anyMatch(v -> actual.stream().anyMatch(a -> Matching.policyValue(v, a)))) {
          return false;
        }
      }
    }
    return true;
  }

  private static String conditionValue(
      String key, Workload client, boolean mtls, int port, Request req) {
    if (key == null) {
      return null;
    }
    if (key.startsWith("request.headers[") && key.endsWith("]")) {
      return req.headers()
          .get(key.substring(16, key.length() - 1).toLowerCase(java.util.Locale.ROOT));
    }
    return switch (key) {
      case "source.principal" -> mtls ? client.principal() : null;
      case "source.namespace" -> mtls ? client.namespace() : null;
      case "destination.port" -> String.valueOf(port);
      default -> null;
    };
  }

  private static boolean sourceMatches(Source s, String policyNs, Workload client, boolean mtls) {
    String principal = mtls ? client.principal() : null;
    String ns = mtls ? client.namespace() : null;
    String sa = mtls ? client.namespace() + "/" + client.serviceAccount() : null;
    return field(s.getPrincipals(), s.getNotPrincipals(), principal)
        && field(s.getNamespaces(), s.getNotNamespaces(), ns)
        && serviceAccounts(s.getServiceAccounts(), policyNs, sa, true)
        && serviceAccounts(s.getNotServiceAccounts(), policyNs, sa, false);
  }

  /**
   * {@code serviceAccounts} (Istio 1.22+): "ns/sa", or a bare "sa" meaning a service account in the
   * policy's own namespace (not the caller's); compared exactly, as wildcards are not allowed. An
   * unset list matches anything; {@code wanted == false} reads the list as notServiceAccounts.
   */
  private static boolean serviceAccounts(
      List<String> values, String policyNs, String actual, boolean wanted) {
    if (values == null || values.isEmpty()) {
      return true;
    }
    boolean listed =
        values.stream()
            .map(v -> v.contains("/") ? v : policyNs + "/" + v)
            .anyMatch(v -> v.equals(actual));
    return listed == wanted;
  }

  private static boolean operationMatches(Operation o, int port, Request req) {
    return field(o.getMethods(), o.getNotMethods(), req.method())
        && field(o.getPaths(), o.getNotPaths(), req.uri())
        && field(o.getPorts(), o.getNotPorts(), String.valueOf(port))
        && field(o.getHosts(), o.getNotHosts(), req.host());
  }

  /** A field with values and notValues: unset values match anything; notValues exclude. */
  static boolean field(List<String> values, List<String> notValues, String actual) {
    if (values != null
        && !values.isEmpty()
        && values.stream().noneMatch(v -> Matching.policyValue(v, actual))) {
      return false;
    }
    return notValues == null
        || notValues.isEmpty()
        || notValues.stream().noneMatch(v -> Matching.policyValue(v, actual));
  }
}
