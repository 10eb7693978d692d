package io.meshdojo.grader.intake;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Istio 1.26's webhook refuses at the edge, in its own words: a Gateway server's TLS settings
 * ({@code validateServer}, {@code validateTLSOptions}), a VirtualService's {@code tls} rules
 * ({@code validateTLSRoute}, {@code validateSniHost}) and a RequestAuthentication's JWT rules
 * ({@code validateJwtRule}).
 */
final class EdgeValidation {

  private EdgeValidation() {}

  /**
   * Every server of a Gateway: TLS for HTTPS/TLS ports, and the files or secret each mode needs.
   */
  static void gatewayServers(Resource r, List<Finding> out) {
    List<?> servers = list(map(r.raw(), "spec"), "servers");
    for (int i = 0; i < servers.size(); i++) {
      Map<?, ?> server = servers.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String at = "spec.servers[" + i + "]";
      String protocol = text(map(server, "port"), "protocol");
      boolean tlsPort =
          protocol != null && List.of("HTTPS", "TLS").contains(protocol.toUpperCase(Locale.ROOT));
      if (tlsPort && !(server.get("tls") instanceof Map<?, ?>)) {
        refuse(r, at + ".tls", "server must have TLS settings for HTTPS/TLS protocols", out);
      }
      tlsOptions(r, at + ".tls", map(server, "tls"), out);
    }
  }

  private static void tlsOptions(Resource r, String at, Map<?, ?> tls, List<Finding> out) {
    String mode = text(tls, "mode");
    if (mode == null) {
      return;
    }
    boolean cert = text(tls, "serverCertificate") != null;
    boolean key = text(tls, "privateKey") != null;
    boolean ca = text(tls, "caCertificates") != null;
    boolean credential = text(tls, "credentialName") != null;
    if (mode.equals("ISTIO_MUTUAL")) {
      List<String> extra = new ArrayList<>();
      if (cert) {
        extra.add("ISTIO_MUTUAL TLS cannot have associated server certificate");
      }
      if (key) {
        extra.add("ISTIO_MUTUAL TLS cannot have associated private key");
      }
      if (ca) {
        extra.add("ISTIO_MUTUAL TLS cannot have associated CA bundle");
      }
      if (credential) {
        extra.add("ISTIO_MUTUAL TLS cannot have associated credentialName");
      }
      extra.forEach(reason -> refuse(r, at, reason, out));
      return;
    }
    boolean fromSecret =
        credential
            || !list(tls, "credentialNames").isEmpty()
            || !list(tls, "tlsCertificates").isEmpty();
    boolean mutual = mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
    if (fromSecret || !(mode.equals("SIMPLE") || mutual)) {
      return;
    }
    String name = mode.equals("SIMPLE") ? "SIMPLE" : "MUTUAL";
    if (!cert) {
      refuse(r, at, name + " TLS requires a server certificate", out);
    }
    if (!key) {
      refuse(r, at, name + " TLS requires a private key", out);
    }
    if (mutual && !ca && text(tls, "caCertCredentialName") == null) {
      refuse(r, at, "MUTUAL TLS requires a client CA bundle", out);
    }
  }

  /** A VirtualService's tls rules: matches with SNI hosts inside the VirtualService's hosts. */
  static void tlsRoutes(Resource r, List<Finding> out) {
    Map<?, ?> spec = map(r.raw(), "spec");
    List<?> hosts = list(spec, "hosts");
    List<?> rules = list(spec, "tls");
    for (int i = 0; i < rules.size(); i++) {
      String at = "spec.tls[" + i + "]";
      List<?> matches = list(rules.get(i), "match");
      if (matches.isEmpty()) {
        refuse(r, at + ".match", "TLS route must have at least one match condition", out);
      }
      for (int m = 0; m < matches.size(); m++) {
        List<?> sni = list(matches.get(m), "sniHosts");
        if (sni.isEmpty()) {
          refuse(
              r,
              at + ".match[" + m + "].sniHosts",
              "TLS match must have at least one SNI host",
              out);
        }
        for (Object s : sni) {
          if (hosts.stream().noneMatch(h -> subsetOf(String.valueOf(s), String.valueOf(h)))) {
            refuse(
                r,
                at + ".match[" + m + "].sniHosts",
                "the SNI host \"" + s + "\" is not a subset of any of the virtual service hosts",
                out);
          }
        }
      }
      if (list(rules.get(i), "route").isEmpty()) {
        refuse(r, at + ".route", "TLS route is required", out);
      }
    }
  }

  /** Istio's host.Name.SubsetOf: equal, or inside a wildcard that covers it. */
  private static boolean subsetOf(String name, String of) {
    if (of.equals("*") || name.equalsIgnoreCase(of)) {
      return true;
    }
    if (!of.startsWith("*")) {
      return false;
    }
    String suffix = of.substring(1);
    String tail = name.startsWith("*") ? name.substring(1) : name;
    return tail.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT));
  }

  /** A RequestAuthentication's JWT rules. */
  static void jwtRules(Resource r, List<Finding> out) {
    List<?> rules = list(map(r.raw(), "spec"), "jwtRules");
    for (int i = 0; i < rules.size(); i++) {
      Object rule = rules.get(i);
      String at = "spec.jwtRules[" + i + "]";
      if (text(rule, "issuer") == null || text(rule, "issuer").isEmpty()) {
        refuse(r, at + ".issuer", "issuer must be set", out);
      }
      for (Object aud : list(rule, "audiences")) {
        if (String.valueOf(aud).isEmpty()) {
          refuse(r, at + ".audiences", "audience must be non-empty string", out);
        }
      }
      for (Object h : list(rule, "fromHeaders")) {
        if (text(h, "name") == null || text(h, "name").isEmpty()) {
          refuse(r, at + ".fromHeaders", "location header name must be set", out);
        }
      }
      for (Object p : list(rule, "fromParams")) {
        if (String.valueOf(p).isEmpty()) {
          refuse(r, at + ".fromParams", "location query must be set", out);
        }
      }
    }
  }

  private static void refuse(Resource r, String field, String reason, List<Finding> out) {
    out.add(Finding.of("MDJ0106", r.ref(), "field", field, "reason", reason));
  }

  private static Map<?, ?> map(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof List<?> l ? l : List.of();
  }

  private static String text(Object parent, String key) {
    return parent instanceof Map<?, ?> p && p.get(key) instanceof String s ? s : null;
  }
}
