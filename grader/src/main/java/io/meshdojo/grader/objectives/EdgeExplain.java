package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.GatewayListeners;
import io.meshdojo.grader.mesh.JwtToken;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.mesh.TlsHello;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bilingual words for the edge: TLS of a probe, failed handshakes, and where a refusal happens. */
final class EdgeExplain {

  private EdgeExplain() {}

  /** " over HTTPS (SNI x, a client certificate signed by the gateway's CA) with a valid token". */
  static Bilingual probe(Probe p) {
    StringBuilder en = new StringBuilder();
    StringBuilder zh = new StringBuilder();
    TlsHello tls = p.tls();
    if (tls != null) {
      String sni = tls.sni() == null ? "no SNI" : "SNI " + tls.sni();
      String sniZh = tls.sni() == null ? "不带 SNI" : "SNI 为 " + tls.sni();
      en.append(" over HTTPS (").append(sni).append(", ").append(certEn(tls.cert())).append(')');
      zh.append("，经 HTTPS（").append(sniZh).append("，").append(certZh(tls.cert())).append('）');
    }
    JwtToken jwt = p.jwt();
    if (jwt != null && jwt.state() == JwtToken.State.INVALID) {
      en.append(" with an invalid JWT");
      zh.append("，携带无效的 JWT");
    } else if (jwt != null && jwt.state() == JwtToken.State.VALID) {
      String claims = jwt.claims().isEmpty() ? "" : " " + jwt.claims();
      en.append(" with a valid JWT from ").append(jwt.issuer()).append(claims);
      zh.append("，携带 ").append(jwt.issuer()).append(" 签发的有效 JWT").append(claims);
    }
    return new Bilingual(en.toString(), zh.toString());
  }

  private static String certEn(TlsHello.ClientCert c) {
    return switch (c) {
      case NONE -> "no client certificate";
      case SIGNED -> "a client certificate signed by the trusted CA";
      case UNTRUSTED -> "a client certificate from another CA";
      case MESH -> "an Istio workload certificate";
    };
  }

  private static String certZh(TlsHello.ClientCert c) {
    return switch (c) {
      case NONE -> "不带客户端证书";
      case SIGNED -> "带受信任 CA 签发的客户端证书";
      case UNTRUSTED -> "带其他 CA 签发的客户端证书";
      case MESH -> "带 Istio 工作负载证书";
    };
  }

  /** "are refused with 401 (JWT) at istio-system/istio-ingressgateway". */
  static Bilingual refusal(Outcome o) {
    String at = o.workload() == null ? "" : " at " + o.workload().id();
    String atZh = o.workload() == null ? "" : "在 " + o.workload().id() + " ";
    if (o.status() == 401) {
      return new Bilingual(
          "are refused with 401 (JWT rejected)" + at, atZh + "被拒绝，返回 401（JWT 未通过验证）");
    }
    return new Bilingual("are denied with 403 (RBAC)" + at, atZh + "被拒绝，返回 403（RBAC）");
  }

  private static final List<Map.Entry<Pattern, String>> REASONS_ZH =
      List.of(
          Map.entry(
              Pattern.compile("no Gateway server listens on port (\\d+)"),
              "端口 $1 上没有任何 Gateway server"),
          Map.entry(
              Pattern.compile("port (\\d+) serves plain HTTP, not TLS"),
              "端口 $1 提供的是明文 HTTP，不是 TLS"),
          Map.entry(
              Pattern.compile("port (\\d+) expects TLS, the client sent plain HTTP"),
              "端口 $1 要求 TLS，客户端却发送了明文 HTTP"),
          Map.entry(
              Pattern.compile(
                  "no TLS server on port (\\d+) accepts (?:server name (\\S+)|no server name)"),
              "端口 $1 上没有接受该服务器名（$2）的 TLS server"),
          Map.entry(
              Pattern.compile("(\\S+) is ISTIO_MUTUAL and asks for an Istio workload certificate"),
              "$1 使用 ISTIO_MUTUAL，要求 Istio 工作负载证书"),
          Map.entry(
              Pattern.compile("(\\S+) does not trust the client certificate's CA"),
              "$1 不信任该客户端证书的 CA"),
          Map.entry(
              Pattern.compile("(\\S+) is MUTUAL and the client sent no certificate"),
              "$1 使用 MUTUAL，而客户端没有发送证书"),
          Map.entry(
              Pattern.compile("secret (\\S+) does not exist in namespace (\\S+)"),
              "命名空间 $2 中不存在 Secret $1"),
          Map.entry(
              Pattern.compile("secret (\\S+) has no certificate and key \\(tls.crt, tls.key\\)"),
              "Secret $1 中没有证书和私钥（tls.crt、tls.key）"),
          Map.entry(
              Pattern.compile("secret (\\S+) has no CA certificate \\(ca.crt\\) to verify clients"),
              "Secret $1 中没有用于验证客户端的 CA 证书（ca.crt）"),
          Map.entry(
              Pattern.compile("(.+) sends (\\S+) to (\\S+), where no pod serves it"),
              "$1 把 $2 发往 $3，但没有 Pod 为它提供服务"),
          Map.entry(
              Pattern.compile(
                  "(\\S+) passes (\\S+) through, but no VirtualService tls rule routes it"),
              "$1 对 $2 使用透传，但没有 VirtualService 的 tls 规则路由它"));

  /** "fail the TLS handshake (no HTTP answer): <reason>". */
  static Bilingual handshake(Outcome o) {
    String reason = o.trace().isEmpty() ? "" : o.trace().get(o.trace().size() - 1);
    String zh = reason;
    for (Map.Entry<Pattern, String> r : REASONS_ZH) {
      Matcher m = r.getKey().matcher(reason);
      if (m.matches()) {
        zh = m.replaceAll(r.getValue()).replace("（）", "");
        break;
      }
    }
    return new Bilingual(
        "fail the TLS handshake, no HTTP answer (" + reason + ")",
        "TLS 握手失败，没有任何 HTTP 响应（" + zh + "）");
  }

  /** The probe's sentence, followed by whose server certificate it actually sees. */
  static Bilingual certificate(Probe p, Router router, Bilingual sentence) {
    var pod = router.mesh().workload(p.from());
    GatewayListeners.Handshake h =
        pod.isEmpty() || p.gatewayPort() == null
            ? null
            : router.listeners().handshake(pod.get(), p.request());
    if (h == null || h.failure() != null) {
      return sentence;
    }
    boolean upstream = GatewayListeners.UPSTREAM.equals(h.certificate());
    String who =
        upstream
            ? "the upstream's own server certificate"
            : "the server certificate from " + h.certificate();
    String whoZh = upstream ? "上游服务自己的服务器证书" : "来自 " + h.certificate() + " 的服务器证书";
    return new Bilingual(
        sentence.en() + " The client sees " + who + ".", sentence.zh() + "客户端看到的是" + whoZh + "。");
  }
}
