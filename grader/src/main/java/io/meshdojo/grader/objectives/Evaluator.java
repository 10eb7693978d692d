package io.meshdojo.grader.objectives;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.meshdojo.grader.api.ControlPlaneHistory;
import io.meshdojo.grader.api.ProbeTraffic;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.findings.Level;
import io.meshdojo.grader.mesh.AccessLogPolicy;
import io.meshdojo.grader.mesh.Limits;
import io.meshdojo.grader.mesh.MetaRoutes;
import io.meshdojo.grader.mesh.MetricsPolicy;
import io.meshdojo.grader.mesh.Observability;
import io.meshdojo.grader.mesh.Outcome;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Decides objectives against a built mesh and its findings. */
public final class Evaluator {

  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .addVar("resources", ListType.create(SimpleType.DYN))
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime CEL_RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private final Router router;
  private final MetaRoutes metaRoutes;
  private final Limits limits;
  private final Observability observability;
  private final AccessLogPolicy accessLogs;
  private final MetricsPolicy metrics;
  private final List<Finding> findings;
  private final List<ControlPlaneHistory.Moment> history;

  public Evaluator(Router router, List<Finding> findings) {
    this(router, findings, List.of());
  }

  /**
   * @param history the control plane's moments before the graded state, oldest first (the graded
   *     state itself is added as the last)
   */
  public Evaluator(
      Router router, List<Finding> findings, List<ControlPlaneHistory.Moment> history) {
    this.router = router;
    this.metaRoutes = new MetaRoutes(router.mesh());
    this.limits = new Limits(router.mesh());
    this.observability = new Observability(router.mesh());
    this.accessLogs = new AccessLogPolicy(router.mesh());
    this.metrics = new MetricsPolicy(router.mesh());
    this.findings = findings;
    List<ControlPlaneHistory.Moment> moments = new ArrayList<>(history);
    moments.add(ControlPlaneMoments.of(router.mesh()));
    this.history = List.copyOf(moments);
  }

  public Verdict evaluate(Objective o) {
    return switch (o.kind()) {
      case BEHAVIOUR -> behaviour(o);
      case STATE -> state(o.state());
      case ANALYSIS -> analysis(o.analysis());
      case EXPRESSION -> expression(o.expression());
    };
  }

  private List<Outcome> outcomes(Probe p) {
    return p.dubbo()
        ? metaRoutes.call(p.from(), p.host(), p.attributes())
        : router.route(p.request(), p.traffic());
  }

  private Verdict behaviour(Objective o) {
    Objective.Expect e = o.expect();
    if (e.rateLimit() != null) {
      return rateLimit(e.rateLimit());
    }
    if (e.proxyConfig() != null && o.probes().isEmpty()) {
      return ConfigSizeVerdict.of(router.mesh(), e.proxyConfig());
    }
    if (e.controlPlane() != null && o.probes().isEmpty()) {
      return ControlPlaneVerdict.of(history, e.controlPlane());
    }
    if (e.dns() != null && o.probes().isEmpty()) {
      return DnsVerdict.of(router.mesh(), e.dns());
    }
    List<Bilingual> evidence = new ArrayList<>();
    Bilingual firstFailure = null;
    List<String> traces = new ArrayList<>();
    List<ProbeTraffic> traffic = new ArrayList<>();
    for (Probe p : o.probes()) {
      List<Outcome> outcomes = outcomes(p);
      traffic.add(TrafficPicture.of(p, outcomes, e));
      outcomes.forEach(x -> traces.addAll(x.trace()));
      Bilingual sentence = Explain.sentence(p, outcomes);
      boolean ok = true;
      Map<String, Double> shares = new LinkedHashMap<>();
      for (Outcome out : outcomes) {
        if (out.probability() <= 1e-9) {
          continue;
        }
        if (e.reach() != null && !(out.kind() == Outcome.Kind.REACHED && reaches(out, e.reach()))) {
          ok = false;
        }
        if (e.status() != null && out.status() != e.status()) {
          ok = false;
        }
        if (e.delayMs() != null && out.delayMs() != e.delayMs()) {
          ok = false;
        }
        if (e.timeoutMs() != null
            && (out.kind() != Outcome.Kind.REACHED || out.timeoutMs() != e.timeoutMs())) {
          ok = false;
        }
        if (e.attempts() != null
            && (out.kind() != Outcome.Kind.REACHED || out.attempts() != e.attempts())) {
          ok = false;
        }
        if ((e.edge() != null && !e.edge().holds(p, out)) || !egressAndResilienceHold(out, e)) {
          ok = false;
        }
        String key =
            out.kind() == Outcome.Kind.REACHED
                ? out.workload().labels().getOrDefault(e.shareLabel(), out.workload().name())
                : "status " + out.status();
        shares.merge(key, out.probability(), Double::sum);
      }
      if (e.shares() != null && !sharesWithin(shares, e.shares(), e.tolerance())) {
        ok = false;
      }
      if (e.edge() != null && !e.edge().certificateHolds(p, router)) {
        ok = false;
        sentence = EdgeExplain.certificate(p, router, sentence);
      }
      if (!mirroredAndSome(outcomes, e)) {
        ok = false;
      }
      if (e.loggedBy() != null) {
        Optional<Bilingual> wrongLogs =
            AccessLogVerdict.check(accessLogs, p, outcomes, e.loggedBy());
        if (wrongLogs.isPresent()) {
          ok = false;
          sentence = wrongLogs.get();
        }
      }
      if (e.metrics() != null) {
        Optional<Bilingual> wrongMetrics = MetricsVerdict.check(metrics, p, outcomes, e.metrics());
        if (wrongMetrics.isPresent()) {
          ok = false;
          sentence = wrongMetrics.get();
        }
      }
      if (e.tracingPercent() != null) {
        var client = router.mesh().workload(p.from());
        double sampling = client.map(observability::samplingPercent).orElse(-1.0);
        if (Math.abs(sampling - e.tracingPercent()) > 1e-9) {
          ok = false;
          sentence =
              new Bilingual(
                  "Traces started by "
                      + p.from()
                      + " are sampled at "
                      + Explain.percent(sampling / 100)
                      + "%.",
                  "由 " + p.from() + " 发起的追踪采样率为 " + Explain.percent(sampling / 100) + "%。");
        }
      }
      evidence.add(sentence);
      if (!ok && firstFailure == null) {
        firstFailure = sentence;
      }
    }
    if (firstFailure != null) {
      evidence.addAll(explainingFindings(traces));
      return new Verdict(false, firstFailure, evidence, traffic);
    }
    return new Verdict(true, o.text(), evidence, traffic);
  }

  /**
   * The path ({@code via}) and Envoy's response flag of one outcome, where the lab expects them.
   */
  private static boolean egressAndResilienceHold(Outcome out, Objective.Expect e) {
    if (e.via() != null && !out.via().equals(e.via())) {
      return false;
    }
    return e.flag() == null || e.flag().equals(out.flag());
  }

  /**
   * Over all of a probe's outcomes: the mirrored copies (exactly {@code percent} of the requests
   * copied to the expected workloads, none elsewhere) and a share of requests ending as {@code
   * some} says.
   */
  private static boolean mirroredAndSome(List<Outcome> outcomes, Objective.Expect e) {
    if (e.mirror() != null) {
      double matching = 0;
      double elsewhere = 0;
      for (Outcome o : outcomes) {
        for (Outcome.Mirror m : o.mirrors()) {
          boolean match =
              e.mirror().reach().entrySet().stream()
                  .allMatch(
                      w ->
                          w.getValue()
                              .equals(
                                  w.getKey().equals("workload")
                                      ? m.workload().name()
                                      : m.workload().labels().get(w.getKey())));
          if (match) {
            matching += o.probability() * m.share();
          } else {
            elsewhere += o.probability() * m.share();
          }
        }
      }
      if (Math.abs(matching - e.mirror().percent() / 100) > 1e-9 || elsewhere > 1e-9) {
        return false;
      }
    }
    if (e.some() != null) {
      return outcomes.stream()
          .anyMatch(
              o ->
                  o.probability() > 1e-9
                      && (e.some().status() == null || o.status() == e.some().status())
                      && (e.some().flag() == null || e.some().flag().equals(o.flag())));
    }
    return true;
  }

  /** Findings about resources that took part in the failed probes' decisions. */
  private List<Bilingual> explainingFindings(List<String> traces) {
    List<Bilingual> out = new ArrayList<>();
    for (Finding f : findings) {
      boolean involved = traces.stream().anyMatch(t -> t.contains(f.resource()));
      Bilingual line =
          new Bilingual(
              "[" + f.code() + "] " + f.resource() + ": " + Catalogue.get().render(f, "en"),
              "[" + f.code() + "] " + f.resource() + "：" + Catalogue.get().render(f, "zh"));
      if (involved && !out.contains(line)) {
        out.add(line);
      }
    }
    return out;
  }

  /**
   * Every expected share within tolerance; a share expected to be 0, and any label not expected at
   * all, gets nothing: a tolerance allows for rounding of a split, never for "none" becoming "a
   * little" (1 % to a version the lab says must get none fails).
   */
  static boolean sharesWithin(Map<String, Double> got, Map<String, Double> want, double tolerance) {
    for (var w : want.entrySet()) {
      double allowed = w.getValue() <= 0 ? 0 : tolerance;
      if (Math.abs(got.getOrDefault(w.getKey(), 0.0) - w.getValue()) > allowed + 1e-9) {
        return false;
      }
    }
    for (var g : got.entrySet()) {
      if (!want.containsKey(g.getKey()) && g.getValue() > 1e-9) {
        return false;
      }
    }
    return true;
  }

  private static boolean reaches(Outcome out, Map<String, String> want) {
    for (var w : want.entrySet()) {
      String actual =
          w.getKey().equals("workload")
              ? out.workload().name()
              : out.workload().labels().get(w.getKey());
      if (!w.getValue().equals(actual)) {
        return false;
      }
    }
    return true;
  }

  private Verdict rateLimit(Objective.RateLimit rl) {
    List<Bilingual> evidence = new ArrayList<>();
    Bilingual failure = null;
    if (limits.limiterFor(rl.namespace(), rl.service()).isEmpty()) {
      failure =
          new Bilingual(
              "No SmartLimiter named "
                  + rl.service()
                  + " in namespace "
                  + rl.namespace()
                  + " applies, so "
                  + rl.service()
                  + " is not limited.",
              "命名空间 "
                  + rl.namespace()
                  + " 中没有名为 "
                  + rl.service()
                  + " 的 SmartLimiter 生效，因此 "
                  + rl.service()
                  + " 没有被限流。");
      return new Verdict(false, failure, evidence);
    }
    for (int pods : rl.podCounts()) {
      Optional<Limits.Effect> effect = limits.effect(rl.namespace(), rl.service(), rl.port(), pods);
      Bilingual line;
      boolean ok;
      if (effect.isEmpty()) {
        line =
            new Bilingual(
                "With "
                    + pods
                    + " pods no limit applies to inbound port "
                    + rl.port()
                    + " of "
                    + rl.service()
                    + ".",
                "有 " + pods + " 个 Pod 时，" + rl.service() + " 的入站端口 " + rl.port() + " 没有任何限流。");
        ok = false;
      } else {
        Limits.Effect ef = effect.get();
        String total = Explain.percent(ef.totalPerSecond() / 100).replace(".0", "");
        String per = String.format(Locale.ROOT, "%.1f", ef.perPodPerSecond()).replace(".0", "");
        String how =
            ef.local()
                ? " (" + per + " per pod, enforced by each pod)"
                : " (one shared global counter)";
        String howZh = ef.local() ? "（每个 Pod " + per + " 个，由各 Pod 本地执行）" : "（全局共享一个计数器）";
        String cond = ef.always() ? "" : ", only when its condition holds";
        String condZh = ef.always() ? "" : "，且仅在条件成立时";
        String match = ef.everyRequest() ? "" : ", only for matching requests";
        String matchZh = ef.everyRequest() ? "" : "，且只针对匹配的请求";
        line =
            new Bilingual(
                "With "
                    + pods
                    + " pods "
                    + rl.service()
                    + " admits "
                    + total
                    + " requests per second"
                    + how
                    + cond
                    + match
                    + ".",
                "有 "
                    + pods
                    + " 个 Pod 时，"
                    + rl.service()
                    + " 每秒放行 "
                    + total
                    + " 个请求"
                    + howZh
                    + condZh
                    + matchZh
                    + "。");
        ok =
            Math.abs(ef.totalPerSecond() - rl.perSecond()) < 0.5
                && ef.local()
                && ef.always()
                && ef.everyRequest();
      }
      evidence.add(line);
      if (!ok && failure == null) {
        failure = line;
      }
    }
    return failure == null
        ? new Verdict(true, null, evidence)
        : new Verdict(false, failure, evidence);
  }

  private Verdict state(Objective.State s) {
    for (Resource r : router.mesh().of(s.kind())) {
      if ((s.namespace() == null || s.namespace().equals(r.namespace()))
          && (s.name() == null || s.name().equals(r.name()))
          && contains(r.raw(), s.match())) {
        return new Verdict(
            true,
            null,
            List.of(new Bilingual(r.ref() + " has the expected fields.", r.ref() + " 包含预期的字段。")));
      }
    }
    String what =
        s.kind()
            + (s.namespace() == null ? "" : " in " + s.namespace())
            + (s.name() == null ? "" : " named " + s.name());
    String whatZh =
        (s.namespace() == null ? "" : s.namespace() + " 中")
            + (s.name() == null ? "" : "名为 " + s.name() + " 的 ")
            + s.kind();
    return new Verdict(
        false,
        new Bilingual(
            "No " + what + " has " + s.match() + ".", "没有" + whatZh + "包含 " + s.match() + "。"),
        List.of());
  }

  /**
   * Partial-object match: every expected key present with a matching value; lists match elementwise
   * by containment.
   */
  @SuppressWarnings("unchecked")
  static boolean contains(Object actual, Object expected) {
    if (expected instanceof Map<?, ?> em) {
      if (!(actual instanceof Map<?, ?> am)) {
        return false;
      }
      for (var e : em.entrySet()) {
        if (!am.containsKey(e.getKey()) || !contains(am.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> el) {
      if (!(actual instanceof List<?> al)) {
        return false;
      }
      for (Object want : el) {
        if (al.stream().noneMatch(a -> contains(a, want))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Number en && actual instanceof Number an) {
      return Math.abs(en.doubleValue() - an.doubleValue()) < 1e-9;
    }
    return expected == null
        ? actual == null
        : actual != null && String.valueOf(expected).equals(String.valueOf(actual));
  }

  private Verdict analysis(Objective.Analysis a) {
    Level worst = Level.valueOf(a.level().toUpperCase(Locale.ROOT));
    List<Bilingual> hits = new ArrayList<>();
    for (Finding f : findings) {
      Level l = Catalogue.get().level(f);
      boolean inNs =
          a.namespace() == null
              || f.resource().contains(" " + a.namespace() + "/")
              || f.resource().equals("Namespace " + a.namespace());
      if (inNs && l.ordinal() <= worst.ordinal()) {
        hits.add(
            new Bilingual(
                "[" + f.code() + "] " + f.resource() + ": " + Catalogue.get().render(f, "en"),
                "[" + f.code() + "] " + f.resource() + "：" + Catalogue.get().render(f, "zh")));
      }
    }
    if (hits.isEmpty()) {
      return new Verdict(true, null, List.of());
    }
    return new Verdict(false, hits.get(0), hits);
  }

  private Verdict expression(String expr) {
    try {
      CelRuntime.Program program =
          PROGRAMS.computeIfAbsent(
              expr,
              x -> {
                try {
                  CelAbstractSyntaxTree ast = CEL.compile(x).getAst();
                  return CEL_RUNTIME.createProgram(ast);
                } catch (Exception e) {
                  throw new IllegalArgumentException(e.getMessage(), e);
                }
              });
      List<Object> resources = new ArrayList<>();
      for (Resource r : router.mesh().resources()) {
        resources.add(celValue(r.raw()));
      }
      Object result = program.eval(Map.of("resources", resources));
      if (Boolean.TRUE.equals(result)) {
        return new Verdict(true, null, List.of());
      }
      return new Verdict(
          false,
          new Bilingual(
              "The expression " + expr + " is false for the applied resources.",
              "对已应用的资源，表达式 " + expr + " 的结果为 false。"),
          List.of());
    } catch (Exception e) {
      return new Verdict(
          false,
          new Bilingual(
              "The expression could not be evaluated: " + e.getMessage(),
              "表达式无法求值：" + e.getMessage()),
          List.of());
    }
  }

  /** CEL wants Long for integers and immutable-friendly maps/lists. */
  static Object celValue(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), celValue(val)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(celValue(x)));
      return out;
    }
    return v == null ? dev.cel.common.values.NullValue.NULL_VALUE : v;
  }
}
