package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Request;
import io.meshdojo.grader.mesh.Router;
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
    return new Bilingual(
        r.method() + " requests from " + p.from() + " to " + target + cond,
        "从 " + p.from() + " 发往 " + targetZh + "（" + condZh + "）的 " + r.method() + " 请求");
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
              o.workload().labels().getOrDefault("app", o.workload().name())
                  + " "
                  + o.workload().version();
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
          told = ("reach " + who + delay + limits);
          toldZh = ("到达 " + who + delayZh + limitsZh);
        }
        case DENIED -> {
          told = ("are denied with 403 (RBAC)" + delay);
          toldZh = ("被拒绝，返回 403（RBAC）" + delayZh);
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
          told = ("are reset, 503 (the server's mTLS mode refuses the connection)");
          toldZh = ("连接被重置，返回 503（服务端的 mTLS 模式拒绝该连接）");
        }
        case ABORTED -> {
          told = ("are aborted with " + o.status() + delay);
          toldZh = ("被中止并返回 " + o.status() + delayZh);
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
