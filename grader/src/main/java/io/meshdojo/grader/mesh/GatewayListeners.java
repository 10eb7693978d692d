package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The listeners of a gateway's pods, before HTTP routing: which Gateway server takes a connection
 * (by port, then by SNI for TLS or by Host for plain HTTP), the TLS handshake its mode implies
 * (SIMPLE, MUTUAL, OPTIONAL_MUTUAL, ISTIO_MUTUAL, PASSTHROUGH), the server certificate it presents
 * ({@code credentialName} is read in the namespace of the gateway's pods, wherever the Gateway
 * lives), {@code httpsRedirect}, and PASSTHROUGH connections routed by SNI through a
 * VirtualService's {@code tls} rules. Secrets are checked for the keys each mode needs and for the
 * shape of their certificates (PEM), never cryptographically.
 */
public final class GatewayListeners {

  /** Who presents the server certificate of a passed-through connection. */
  public static final String UPSTREAM = "upstream";

  /** One server of a Gateway resource. */
  public record Server(Resource gateway, Map<?, ?> raw) {

    public String ref() {
      return gateway.namespace() + "/" + gateway.name();
    }

    int port() {
      return RawFields.map(raw, "port").get("number") instanceof Number n ? n.intValue() : -1;
    }

    Map<?, ?> tls() {
      return RawFields.map(raw, "tls");
    }

    /** The TLS mode in upper case, or null for a plain-text (HTTP) server. */
    public String mode() {
      String mode = RawFields.text(tls(), "mode");
      if (mode != null) {
        return mode.toUpperCase(Locale.ROOT);
      }
      String protocol = RawFields.text(RawFields.map(raw, "port"), "protocol");
      boolean tlsProtocol =
          protocol != null && List.of("HTTPS", "TLS").contains(protocol.toUpperCase(Locale.ROOT));
      return tlsProtocol ? "PASSTHROUGH" : null;
    }

    boolean httpsRedirect() {
      return Boolean.TRUE.equals(tls().get("httpsRedirect"));
    }

    /** The server's hosts without their namespace part. */
    List<String> hosts() {
      List<String> out = new ArrayList<>();
      for (Object h : RawFields.list(raw, "hosts")) {
        String host = String.valueOf(h);
        out.add(host.contains("/") ? host.substring(host.indexOf('/') + 1) : host);
      }
      return out;
    }
  }

  /**
   * The handshake of a TLS connection: {@code failure} says why it fails (null: it succeeds);
   * {@code certificate} is who presents the server certificate: a secret {@code ns/name}, {@code
   * upstream} for PASSTHROUGH, {@code istio} for ISTIO_MUTUAL, or the certificate file's path.
   */
  public record Handshake(Server server, String failure, String certificate) {}

  /**
   * Where a connection goes before HTTP routing. {@code answer}: the final outcomes when routing
   * ends here (failed handshake, PASSTHROUGH); otherwise HTTP routing continues on the Gateways in
   * {@code gateways} (empty: no server for the host, 404), unless {@code redirect} names the server
   * whose {@code httpsRedirect} answers 301.
   */
  public record Entry(List<Outcome> answer, List<String> gateways, Server redirect) {}

  private final Mesh mesh;

  public GatewayListeners(Mesh mesh) {
    this.mesh = mesh;
  }

  /** Servers of the Gateways selecting {@code pod} that listen on the request's gateway port. */
  private List<Server> serversOnPort(Workload pod, int port) {
    List<Server> out = new ArrayList<>();
    for (Resource g : mesh.gatewaysOf(pod)) {
      for (Object s : RawFields.list(RawFields.map(g.raw(), "spec"), "servers")) {
        if (s instanceof Map<?, ?> m) {
          Server server = new Server(g, m);
          if (samePort(pod, server.port(), port)) {
            out.add(server);
          }
        }
      }
    }
    return out;
  }

  /**
   * A server's port and the port a client dials are the same listener when equal, or when a Service
   * of the gateway's pods maps one to the other (istiod binds a server written with the Service
   * port to its target port).
   */
  private boolean samePort(Workload pod, int serverPort, int dialled) {
    if (serverPort == dialled) {
      return true;
    }
    for (MeshService s : mesh.services()) {
      if (!s.namespace().equals(pod.namespace())
          || s.selector() == null
          || s.selector().isEmpty()
          || !pod.matches(s.selector())) {
        continue;
      }
      for (MeshService.ServicePort p : s.ports()) {
        if ((p.number() == serverPort && p.targetPort() == dialled)
            || (p.number() == dialled && p.targetPort() == serverPort)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where a request entering {@code pod} goes before HTTP routing. */
  public Entry enter(Workload pod, Request req) {
    List<Server> servers = serversOnPort(pod, req.gatewayPort());
    if (req.tls() == null) {
      return plainText(servers, req);
    }
    Handshake h = handshake(pod, req);
    if (h.failure() != null) {
      return new Entry(List.of(handshakeFailed(h.failure())), List.of(), null);
    }
    if (UPSTREAM.equals(h.certificate())) {
      return new Entry(passThrough(pod, h.server(), req), List.of(), null);
    }
    return new Entry(null, List.of(h.server().ref()), null);
  }

  private Entry plainText(List<Server> servers, Request req) {
    List<String> gateways = new ArrayList<>();
    boolean tlsOnly = !servers.isEmpty();
    for (Server s : servers) {
      if (s.mode() != null) {
        continue;
      }
      tlsOnly = false;
      if (s.hosts().stream().anyMatch(h -> Mesh.hostMatches(h, req.host()))) {
        if (s.httpsRedirect()) {
          return new Entry(null, List.of(s.ref()), s);
        }
        if (!gateways.contains(s.ref())) {
          gateways.add(s.ref());
        }
      }
    }
    if (tlsOnly) {
      return new Entry(
          List.of(
              handshakeFailed(
                  "port " + req.gatewayPort() + " expects TLS, the client sent plain HTTP")),
          List.of(),
          null);
    }
    return new Entry(null, gateways, null);
  }

  /**
   * The TLS handshake of a request to {@code pod}: the server its SNI selects and what it needs.
   */
  public Handshake handshake(Workload pod, Request req) {
    TlsHello hello = req.tls() == null ? new TlsHello(req.host(), null) : req.tls();
    List<Server> servers = serversOnPort(pod, req.gatewayPort());
    if (servers.isEmpty()) {
      return new Handshake(null, "no Gateway server listens on port " + req.gatewayPort(), null);
    }
    Server chosen = null;
    int best = -1;
    for (Server s : servers) {
      if (s.mode() == null) {
        continue;
      }
      for (String h : s.hosts()) {
        int score = sniScore(h, hello.sni());
        if (score > best) {
          best = score;
          chosen = s;
        }
      }
    }
    if (chosen == null) {
      String name = hello.sni() == null ? "no server name" : "server name " + hello.sni();
      boolean plain = servers.stream().anyMatch(s -> s.mode() == null);
      return new Handshake(
          null,
          plain
              ? "port " + req.gatewayPort() + " serves plain HTTP, not TLS"
              : "no TLS server on port " + req.gatewayPort() + " accepts " + name,
          null);
    }
    return modeHandshake(pod, chosen, hello.cert());
  }

  /**
   * How well a server host matches the SNI: exact beats the longest wildcard beats {@code *}; -1
   * when it does not match (a missing SNI matches only {@code *}).
   */
  private static int sniScore(String host, String sni) {
    if (host.equals("*")) {
      return 0;
    }
    if (sni == null || !Mesh.hostMatches(host, sni)) {
      return -1;
    }
    return host.startsWith("*.") ? host.length() : 1000 + host.length();
  }

  private Handshake modeHandshake(Workload pod, Server s, TlsHello.ClientCert cert) {
    String mode = s.mode();
    switch (mode) {
      case "PASSTHROUGH", "AUTO_PASSTHROUGH" -> {
        return new Handshake(s, null, UPSTREAM);
      }
      case "ISTIO_MUTUAL" -> {
        return cert == TlsHello.ClientCert.MESH
            ? new Handshake(s, null, "istio")
            : new Handshake(
                s, s.ref() + " is ISTIO_MUTUAL and asks for an Istio workload certificate", null);
      }
      default -> {
        boolean mutual = mode.equals("MUTUAL") || mode.equals("OPTIONAL_MUTUAL");
        String credential = RawFields.text(s.tls(), "credentialName");
        String certificate;
        if (credential != null && !credential.isBlank()) {
          String missing = credentialProblem(pod.namespace(), credential, mutual);
          if (missing != null) {
            return new Handshake(s, missing, null);
          }
          certificate = pod.namespace() + "/" + credential;
        } else {
          // Mounted files: the model cannot see them and takes them as present.
          certificate = String.valueOf(RawFields.text(s.tls(), "serverCertificate"));
        }
        if (mutual && cert == TlsHello.ClientCert.UNTRUSTED) {
          return new Handshake(s, s.ref() + " does not trust the client certificate's CA", null);
        }
        if (mode.equals("MUTUAL") && cert == TlsHello.ClientCert.NONE) {
          return new Handshake(s, s.ref() + " is MUTUAL and the client sent no certificate", null);
        }
        return new Handshake(s, null, certificate);
      }
    }
  }

  /**
   * What the credential lacks for its mode, as a sentence, or null: the secret in the gateway pods'
   * namespace with {@code tls.crt}/{@code tls.key} (or {@code cert}/{@code key}), and for MUTUAL a
   * CA in {@code ca.crt}/{@code cacert}, of the same secret or of {@code <name>-cacert}.
   */
  public String credentialProblem(String namespace, String name, boolean mutual) {
    String missing = credentialMissing(namespace, name, mutual);
    if (missing == null) {
      return null;
    }
    return switch (missing) {
      case "Secret" -> "secret " + name + " does not exist in namespace " + namespace;
      case "ca.crt" ->
          "secret " + namespace + "/" + name + " has no CA certificate (ca.crt) to verify clients";
      default ->
          "secret " + namespace + "/" + name + " has no certificate and key (tls.crt, tls.key)";
    };
  }

  /**
   * The missing part, named the same in every language: {@code Secret}, {@code tls.crt/tls.key} or
   * {@code ca.crt}; null when the credential is usable.
   */
  public String credentialMissing(String namespace, String name, boolean mutual) {
    Map<String, String> keys = secret(namespace, name);
    if (keys == null) {
      return "Secret";
    }
    if (!pem(keys, "CERTIFICATE", "tls.crt", "cert") || !present(keys, "tls.key", "key")) {
      return "tls.crt/tls.key";
    }
    if (mutual) {
      Map<String, String> ca = secret(namespace, name + "-cacert");
      boolean trusted =
          pem(keys, "CERTIFICATE", "ca.crt", "cacert")
              || (ca != null && pem(ca, "CERTIFICATE", "ca.crt", "cacert"));
      if (!trusted) {
        return "ca.crt";
      }
    }
    return null;
  }

  /** A secret's keys with their decoded values, or null when there is no such secret. */
  private Map<String, String> secret(String namespace, String name) {
    for (Resource r : mesh.of("Secret")) {
      if (r.namespace().equals(namespace) && r.name().equals(name)) {
        Map<String, String> out = new java.util.HashMap<>();
        RawFields.map(r.raw(), "data").forEach((k, v) -> out.put(String.valueOf(k), decode(v)));
        RawFields.map(r.raw(), "stringData")
            .forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
      }
    }
    return null;
  }

  private static String decode(Object value) {
    try {
      return new String(
          Base64.getMimeDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static boolean present(Map<String, String> keys, String... names) {
    for (String n : names) {
      if (keys.get(n) != null && !keys.get(n).isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static boolean pem(Map<String, String> keys, String type, String... names) {
    for (String n : names) {
      String v = keys.get(n);
      if (v != null && v.contains("-----BEGIN " + type + "-----")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A PASSTHROUGH connection: the first VirtualService {@code tls} rule bound to the server's
   * Gateway whose {@code sniHosts} (and port, if any) match goes to its destinations, which answer
   * the handshake themselves.
   */
  private List<Outcome> passThrough(Workload pod, Server server, Request req) {
    String sni = req.tls().sni();
    for (Resource r : mesh.of("VirtualService")) {
      Map<?, ?> spec = RawFields.map(r.raw(), "spec");
      boolean bound =
          RawFields.list(spec, "gateways").stream()
              .anyMatch(
                  g -> Mesh.gatewayRef(String.valueOf(g), r.namespace()).equals(server.ref()));
      if (!bound || sni == null) {
        continue;
      }
      List<?> rules = RawFields.list(spec, "tls");
      for (int i = 0; i < rules.size(); i++) {
        if (tlsRuleMatches(rules.get(i), r.namespace(), server.ref(), sni, req.gatewayPort())) {
          return toEndpoints(pod, r, i, sni, RawFields.list(rules.get(i), "route"));
        }
      }
    }
    return List.of(
        handshakeFailed(
            server.ref()
                + " passes "
                + sni
                + " through, but no VirtualService tls rule routes it"));
  }

  private static boolean tlsRuleMatches(
      Object rule, String vsNamespace, String gateway, String sni, int port) {
    for (Object m : RawFields.list(rule, "match")) {
      boolean sniOk =
          RawFields.list(m, "sniHosts").stream()
              .anyMatch(h -> Mesh.hostMatches(String.valueOf(h), sni));
      Object p = m instanceof Map<?, ?> mm ? mm.get("port") : null;
      boolean portOk = !(p instanceof Number n) || n.intValue() == port;
      List<?> gws = RawFields.list(m, "gateways");
      boolean gwOk =
          gws.isEmpty()
              || gws.stream()
                  .anyMatch(g -> Mesh.gatewayRef(String.valueOf(g), vsNamespace).equals(gateway));
      if (sniOk && portOk && gwOk) {
        return true;
      }
    }
    return false;
  }

  private List<Outcome> toEndpoints(
      Workload pod, Resource vs, int index, String sni, List<?> route) {
    String where = "tls rule #" + (index + 1) + " of " + vs.ref();
    long total = 0;
    for (Object d : route) {
      total += d instanceof Map<?, ?> m && m.get("weight") instanceof Number n ? n.longValue() : 0;
    }
    List<Outcome> out = new ArrayList<>();
    for (Object d : route) {
      Object w = d instanceof Map<?, ?> m ? m.get("weight") : null;
      double share =
          route.size() == 1
              ? 1.0
              : (w instanceof Number n && total > 0 ? n.doubleValue() / total : 0);
      Map<?, ?> dest = RawFields.map(d, "destination");
      String host = Mesh.fqdn(RawFields.text(dest, "host"), vs.namespace());
      var service = host == null ? java.util.Optional.<MeshService>empty() : mesh.service(host);
      if (share <= 0) {
        continue;
      }
      List<Workload> endpoints =
          service.isEmpty()
              ? List.of()
              : mesh.endpoints(service.get(), host, RawFields.text(dest, "subset"), pod.namespace())
                  .orElse(List.of());
      int pods = endpoints.stream().mapToInt(Workload::replicas).sum();
      if (pods == 0) {
        // Nothing to hand the ClientHello to: the gateway closes the connection mid-handshake.
        out.add(
            handshakeFailed(where + " sends " + sni + " to " + host + ", where no pod serves it")
                .withProbability(share));
        continue;
      }
      for (Workload e : endpoints) {
        out.add(
            new Outcome(
                Outcome.Kind.REACHED,
                200,
                e,
                null,
                0,
                share * e.replicas() / pods,
                List.of(
                    where,
                    "passed through by SNI to " + e.id() + ", which answers the TLS handshake")));
      }
    }
    return out;
  }

  static Outcome handshakeFailed(String why) {
    return new Outcome(Outcome.Kind.HANDSHAKE_FAILED, 0, null, null, 0, 1.0, List.of(why));
  }
}
