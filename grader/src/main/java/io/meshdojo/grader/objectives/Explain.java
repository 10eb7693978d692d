package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.mesh.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bilingual sentences saying what the configuration actually does with a probe. */
public final class Explain {

  private Explain() {}

  /** "requests from bookinfo/productpage-v1 to reviews:9080 with end-user=jasmine" */
  public static Bilingual probe(Probe p) {
    StringBuilder cond = new StringBuilder();
    StringBuilder condZh = new StringBuilder();
    if (p.dubbo()) {
      p.attributes()
          .forEach(
              (k, v) -> {
                cond.append(cond.length() == 0 ? " with " : " and ")
                    .append(k)
                    .append('=')
                    .append(v);
                condZh.append(condZh.length() == 0 ? "" : "，").append(k).append('=').append(v);
              });
      return new Bilingual(
          "Dubbo calls from " + p.from() + " to " + p.host() + cond,
          "从 "
              + p.from()
              + " 发往 "
              + p.host()
              + (condZh.length() == 0 ? "" : "（" + condZh + "）")
              + "的 Dubbo 调用");
    }
    Request r = p.request();
    String target =
        (p.gatewayPort() != null
                ? "the gateway port " + p.gatewayPort() + " for " + p.host()
                : p.host() + ":" + p.port())
            + r.path();
    String targetZh =
        (p.gatewayPort() != null
                ? "网关端口 " + p.gatewayPort() + "（host " + p.host() + "）"
                : p.host() + ":" + p.port())
            + r.path();
    r.headers()
        .forEach(
            (k, v) -> {
              cond.append(cond.length() == 0 ? " with " : " and ").append(k).append('=').append(v);
              condZh.append(condZh.length() == 0 ? "" : "，").append(k).append('=').append(v);
            });
    if (r.headers().isEmpty()) {
      cond.append(" without headers");
      condZh.append("不带请求头");
    }
    Bilingual edge = EdgeExplain.probe(p);
    cond.append(edge.en());
    condZh.append(edge.zh());
    Bilingual conditions = conditions(p.traffic());
    return new Bilingual(
        r.method() + " requests from " + p.from() + " to " + target + cond + conditions.en(),
        "从 "
            + p.from()
            + " 发往 "
            + targetZh
            + "（"
            + condZh
            + conditions.zh()
            + "）的 "
            + r.method()
            + " 请求");
  }

  /** The probe's traffic conditions, when it has any: TLS, load, a failing or slow upstream. */
  private static Bilingual conditions(Traffic t) {
    StringBuilder en = new StringBuilder();
    StringBuilder zh = new StringBuilder();
    if (t.tls()) {
      en.append(", over TLS from the application");
      zh.append("，由应用发起 TLS");
    }
    if (t.concurrency() > 1) {
      en.append(", on ").append(t.concurrency()).append(" concurrent connections");
      zh.append("，").append(t.concurrency()).append(" 个并发连接");
    }
    Traffic.Upstream u = t.upstream();
    if (u.failures() > 0) {
      String error = u.error() == null ? "503" : u.error();
      en.append(", to an upstream whose first ")
          .append(u.failures())
          .append(" tries fail with ")
          .append(error);
      zh.append("，上游的前 ").append(u.failures()).append(" 次尝试以 ").append(error).append(" 失败");
    }
    if (u.delayMs() > 0) {
      en.append(", to an upstream that takes ").append(u.delayMs()).append(" ms");
      zh.append("，上游耗时 ").append(u.delayMs()).append(" 毫秒");
    }
    Traffic.PastErrors past = t.pastErrors();
    if (past != null) {
      en.append(", ")
          .append(past.elapsedMs())
          .append(" ms after every pod answered ")
          .append(past.count())
          .append(" × ")
          .append(past.status());
      zh.append("，在每个 Pod 返回 ")
          .append(past.count())
          .append(" 次 ")
          .append(past.status())
          .append(" 之后 ")
          .append(past.elapsedMs())
          .append(" 毫秒");
    }
    return new Bilingual(en.toString(), zh.toString());
  }

  /**
   * "reach reviews v2 (80%) and get 503 (20%)". Outcomes that read the same (say, two routes that
   * both reach reviews v2) are told once, with their shares added up.
   */
  public static Bilingual outcomes(List<Outcome> outcomes) {
    Map<String, String> zhOf = new LinkedHashMap<>();
    Map<String, Double> shareOf = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      String told;
      String toldZh;
      String delay = o.delayMs() > 0 ? " after a " + o.delayMs() + " ms delay" : "";
      String delayZh = o.delayMs() > 0 ? "，延迟 " + o.delayMs() + " 毫秒" : "";
      switch (o.kind()) {
        case REACHED -> {
          String who =
              o.workload().external()
                  ? o.workload().name() + " outside the mesh"
                  : o.workload().labels().getOrDefault("app", o.workload().name())
                      + " "
                      + o.workload().version();
          String whoZh = o.workload().external() ? "网格外的 " + o.workload().name() : who;
          String limits = "";
          String limitsZh = "";
          if (o.timeoutMs() > 0) {
            limits = ", timeout " + o.timeoutMs() + " ms";
            limitsZh = "，超时 " + o.timeoutMs() + " 毫秒";
          }
          boolean unusualRetries =
              o.attempts() != Router.DEFAULT_RETRY_ATTEMPTS && o.attempts() != 0;
          if (unusualRetries
              || (o.timeoutMs() > 0 && o.attempts() != Router.DEFAULT_RETRY_ATTEMPTS)) {
            limits += ", " + o.attempts() + " retries";
            limitsZh += "，重试 " + o.attempts() + " 次";
          }
          told = ("reach " + who + through(o) + delay + limits + copies(o));
          toldZh = ("到达 " + whoZh + throughZh(o) + delayZh + limitsZh + copiesZh(o));
        }
        case DENIED -> {
          Bilingual where = EdgeExplain.refusal(o);
          told = (where.en() + delay);
          toldZh = (where.zh() + delayZh);
        }
        case HANDSHAKE_FAILED -> {
          Bilingual why = EdgeExplain.handshake(o);
          told = why.en();
          toldZh = why.zh();
        }
        case NO_ROUTE -> {
          told = ("get 404 (no route)");
          toldZh = ("返回 404（没有匹配的路由）");
        }
        case NO_UPSTREAM, UNKNOWN_HOST -> {
          told =
              ("get "
                  + o.status()
                  + " (no healthy upstream: "
                  + o.trace().get(o.trace().size() - 1)
                  + ")");
          toldZh =
              ("返回 "
                  + o.status()
                  + "（没有可用的上游："
                  + upstreamReasonZh(o.trace().get(o.trace().size() - 1))
                  + "）");
        }
        case RESET -> {
          if (o.status() == 0) {
            told = "are reset without an answer (the sidecar cannot read TLS on an HTTP port)";
            toldZh = "连接被重置，没有响应（sidecar 无法在 HTTP 端口上解析 TLS）";
          } else if ("UC".equals(o.flag())) {
            told = "are reset, 503 (the upstream closes the connection)";
            toldZh = "连接被重置，返回 503（上游关闭了连接）";
          } else {
            told = ("are reset, 503 (the server's mTLS mode refuses the connection)");
            toldZh = ("连接被重置，返回 503（服务端的 mTLS 模式拒绝该连接）");
          }
        }
        case ABORTED -> {
          told = ("are aborted with " + o.status() + delay);
          toldZh = ("被中止并返回 " + o.status() + delayZh);
        }
        case BLOCKED -> {
          told =
              o.status() == 0
                  ? "are blocked, the connection is reset (REGISTRY_ONLY)"
                  : "are blocked with " + o.status() + " (REGISTRY_ONLY)";
          toldZh =
              o.status() == 0
                  ? "被阻止，连接被重置（REGISTRY_ONLY）"
                  : "被阻止并返回 " + o.status() + "（REGISTRY_ONLY）";
        }
        case TIMED_OUT -> {
          told = "time out with 504 (UT)" + delay;
          toldZh = "超时并返回 504（UT）" + delayZh;
        }
        case UPSTREAM_ERROR -> {
          told = "get " + o.status() + " from the upstream" + delay;
          toldZh = "从上游得到 " + o.status() + delayZh;
        }
        case OVERFLOW -> {
          told = "are refused with 503 (UO: the connection pool is full)";
          toldZh = "被拒绝并返回 503（UO：连接池已满）";
        }
        default -> {
          told = ("get " + o.status());
          toldZh = ("返回 " + o.status());
        }
      }
      zhOf.putIfAbsent(told, toldZh);
      shareOf.merge(told, o.probability(), Double::sum);
    }
    boolean split = shareOf.size() > 1;
    List<String> en = new ArrayList<>();
    List<String> zh = new ArrayList<>();
    for (Map.Entry<String, Double> told : shareOf.entrySet()) {
      double share = told.getValue();
      boolean withShare = split || share < 0.9999;
      String pct = String.format(Locale.ROOT, " (%s%%)", percent(share));
      en.add(told.getKey() + (withShare ? pct : ""));
      zh.add(zhOf.get(told.getKey()) + (withShare ? "（" + percent(share) + "%）" : ""));
    }
    return new Bilingual(String.join(" and ", en), String.join("，", zh));
  }

  private static String through(Outcome o) {
    return o.via().isEmpty() ? "" : " through " + String.join(" and ", o.via());
  }

  private static String throughZh(Outcome o) {
    return o.via().isEmpty() ? "" : "（经过 " + String.join("、", o.via()) + "）";
  }

  private static String copies(Outcome o) {
    return o.mirrors().isEmpty() ? "" : ", copied to " + mirrorList(o);
  }

  private static String copiesZh(Outcome o) {
    return o.mirrors().isEmpty() ? "" : "，并复制到 " + mirrorList(o);
  }

  private static String mirrorList(Outcome o) {
    List<String> parts = new ArrayList<>();
    for (Outcome.Mirror m : o.mirrors()) {
      parts.add(
          m.workload().labels().getOrDefault("app", m.workload().name())
              + " "
              + m.workload().version()
              + " ("
              + percent(m.share())
              + "%)");
    }
    return String.join(", ", parts);
  }

  /** Probe plus outcomes as one sentence. */
  public static Bilingual sentence(Probe p, List<Outcome> outcomes) {
    Bilingual probe = probe(p);
    Bilingual o = outcomes(outcomes);
    return new Bilingual(probe.en() + " " + o.en() + ".", probe.zh() + o.zh() + "。");
  }

  static String percent(double p) {
    double v = p * 100;
    if (Math.abs(v - Math.round(v)) < 0.05) {
      return String.valueOf(Math.round(v));
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static final List<Map.Entry<Pattern, String>> UPSTREAM_REASONS_ZH =
      List.of(
          Map.entry(
              Pattern.compile("subset (\\S+) of (\\S+) is defined in no DestinationRule"),
              "$2 的 subset $1 没有在任何 DestinationRule 中定义"),
          Map.entry(
              Pattern.compile("no pod serves (\\S+) subset (\\S+)"), "没有 Pod 属于 $1 的 subset $2"),
          Map.entry(Pattern.compile("no pod serves (\\S+)"), "没有 Pod 为 $1 提供服务"),
          Map.entry(Pattern.compile("no provider for (\\S+)"), "没有提供者为 $1 提供服务"),
          Map.entry(Pattern.compile("unknown client or host (\\S+)"), "未知的客户端或主机 $1"),
          Map.entry(
              Pattern.compile("(?:host|destination) (\\S+) is not in the registry"), "$1 不在服务注册表中"),
          Map.entry(Pattern.compile("(.+) has no destination"), "$1 没有任何目标"),
          Map.entry(
              Pattern.compile("(\\S+) is not in the egress of (\\S+ \\S+): BlackHoleCluster"),
              "$1 不在 $2 的 egress 中：BlackHoleCluster"));

  /**
   * The router states why a request found no upstream in English (its traces also serve debugging);
   * this gives the Chinese sentence for each reason it produces.
   */
  static String upstreamReasonZh(String reason) {
    for (Map.Entry<Pattern, String> r : UPSTREAM_REASONS_ZH) {
      Matcher m = r.getKey().matcher(reason);
      if (m.matches()) {
        return m.replaceAll(r.getValue());
      }
    }
    return reason;
  }
}
