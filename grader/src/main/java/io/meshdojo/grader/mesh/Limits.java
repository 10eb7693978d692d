package io.meshdojo.grader.mesh;

import io.meshdojo.grader.model.CustomResource;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.slime.SmartLimiterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Slime SmartLimiter does to inbound requests of its service. Slime finds the service by the
 * limiter's own name and namespace, evaluates the quota template with the current pod count and
 * renders a local token bucket per pod (strategies single and average) or one shared counter
 * (global).
 */
public final class Limits {

  private static final Pattern POD_COUNT =
      Pattern.compile("\\{\\{\\s*\\.([A-Za-z0-9_-]+)\\.pod\\s*}}");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}");

  /**
   * The limit in force for one pod count.
   *
   * @param limiter the SmartLimiter
   * @param perPodPerSecond tokens per second of each pod's bucket (global: of the shared counter)
   * @param totalPerSecond what the whole service admits per second
   * @param local each pod enforces its own bucket
   * @param always the condition is literally true (not dependent on metrics)
   * @param everyRequest the descriptor has no request match
   */
  public record Effect(
      Resource limiter,
      double perPodPerSecond,
      double totalPerSecond,
      boolean local,
      boolean always,
      boolean everyRequest) {}

  private final Mesh mesh;

  public Limits(Mesh mesh) {
    this.mesh = mesh;
  }

  /** The SmartLimiter Slime would apply to a service, if any. */
  public Optional<Resource> limiterFor(String namespace, String service) {
    return mesh.of("SmartLimiter").stream()
        .filter(r -> r.name().equals(service) && namespace.equals(r.namespace()))
        .findFirst();
  }

  /**
   * The effect of the service's {@code _base} limit on a port when the service has {@code pods}
   * pods.
   */
  public Optional<Effect> effect(String namespace, String service, int port, int pods) {
    Optional<Resource> limiter = limiterFor(namespace, service);
    if (limiter.isEmpty()
        || mesh.service(service + "." + namespace + ".svc.cluster.local").isEmpty()) {
      return Optional.empty();
    }
    SmartLimiterSpec spec = (SmartLimiterSpec) limiter.get().as(CustomResource.class).spec();
    if (spec == null
        || spec.sets() == null
        || spec.sets().get("_base") == null
        || spec.sets().get("_base").descriptor() == null) {
      return Optional.empty();
    }
    for (SmartLimiterSpec.Descriptor d : spec.sets().get("_base").descriptor()) {
      if (d.action() == null || d.target() == null) {
        continue;
      }
      boolean inbound = d.target().direction() == null || d.target().direction().equals("inbound");
      if (!inbound || d.target().port() == null || d.target().port() != port) {
        continue;
      }
      OptionalDouble quota = quota(d.action().quota(), pods);
      long fillMs = d.action().fillInterval() == null ? 0 : d.action().fillInterval().millis();
      if (quota.isEmpty() || fillMs <= 0) {
        continue;
      }
      double tokens = quota.getAsDouble();
      double perSecond = tokens * 1000.0 / fillMs;
      String strategy = d.action().strategy() == null ? "single" : d.action().strategy();
      boolean local = !strategy.equals("global");
      double total = local ? perSecond * pods : perSecond;
      // Judged by behaviour: any condition that holds at this pod count counts as no condition.
      boolean always = conditionHolds(d.condition(), pods).orElse(false);
      boolean every = d.match() == null || d.match().isEmpty();
      return Optional.of(new Effect(limiter.get(), perSecond, total, local, always, every));
    }
    return Optional.empty();
  }

  /**
   * Evaluates a quota: a number, or an arithmetic template over {@code {{.<set>.pod}}} such as
   * {@code 30/{{._base.pod}}}. Empty when it is neither (other metrics are unknown to the grader).
   */
  public static OptionalDouble quota(String text, int pods) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String expr = rendered(text, pods);
    if (TEMPLATE.matcher(expr).find()) {
      return OptionalDouble.empty();
    }
    return Arithmetic.eval(expr);
  }

  /**
   * The text after Slime's Go-template step with the pod count filled in (spaces inside the braces
   * are Go's business and allowed); other metrics stay as templates.
   */
  private static String rendered(String text, int pods) {
    Matcher m = POD_COUNT.matcher(text);
    return m.replaceAll(String.valueOf(pods));
  }

  /**
   * Whether a quota or condition has a space outside its template braces: Slime's calculator then
   * refuses the whole expression ("30 / {{._base.pod}}" makes no limit).
   */
  public static boolean spaceOutsideTemplate(String text) {
    return text != null
        && TEMPLATE.matcher(text).replaceAll("").chars().anyMatch(Character::isWhitespace);
  }

  /**
   * Whether a descriptor's condition holds with {@code pods} pods: "true"/"false", or a comparison
   * over the pod count evaluated by Slime's calculator. Empty when it depends on other metrics
   * (CPU, latency), which the grader does not know, or cannot be computed.
   */
  public static Optional<Boolean> conditionHolds(String condition, int pods) {
    if (condition == null) {
      return Optional.empty();
    }
    if (condition.equals("true") || condition.equals("false")) {
      return Optional.of(condition.equals("true"));
    }
    String expr = rendered(condition, pods);
    if (TEMPLATE.matcher(expr).find()) {
      return Optional.empty();
    }
    OptionalDouble v = Arithmetic.eval(expr);
    return v.isPresent() ? Optional.of(v.getAsDouble() == 1) : Optional.empty();
  }

  /** Whether a quota text is a number or a template the grader understands. */
  public static boolean validQuota(String text) {
    return quota(text, 3).isPresent();
  }

  /** Whether a condition has Slime's syntax: "true"/"false" or a Go template comparison. */
  public static boolean validCondition(String c) {
    if (c == null) {
      return false;
    }
    String t = c.trim();
    if (t.equals("true") || t.equals("false")) {
      return true;
    }
    return Pattern.compile(
            "(\\{\\{\\s*\\.[A-Za-z0-9_.-]+\\s*}}|[0-9.]+)\\s*(>=|<=|==|!=|>|<)\\s*(\\{\\{\\s*\\.[A-Za-z0-9_.-]+\\s*}}|[0-9.]+)")
        .matcher(t)
        .matches();
  }

  /**
   * Tiny recursive-descent evaluator for + - * / and parentheses, with Slime's own integer
   * arithmetic: whole numbers only, and a division rounds up (30/4 is 8) and by zero gives 0, as
   * Slime's calculator does when it fills in a quota template.
   */
  static final class Arithmetic {
    private final String s;
    private int i;

    private Arithmetic(String s) {
      this.s = s; // no trimming: Slime's calculator refuses any space
    }

    static OptionalDouble eval(String expr) {
      if (expr.length() > 200) {
        return OptionalDouble.empty();
      }
      Arithmetic a = new Arithmetic(expr);
      try {
        long v = a.comparison(0);
        if (a.i != a.s.length()) {
          return OptionalDouble.empty();
        }
        return OptionalDouble.of(v);
      } catch (RuntimeException e) {
        return OptionalDouble.empty();
      }
    }

    /** Slime's '>' and '<' (no '>=' or '=='), giving 1 or 0. */
    private long comparison(int depth) {
      long v = sum(depth);
      if (i < s.length() && (s.charAt(i) == '>' || s.charAt(i) == '<')) {
        char op = s.charAt(i++);
        long r = sum(depth);
        v = (op == '>' ? v > r : v < r) ? 1 : 0;
      }
      return v;
    }

    private long sum(int depth) {
      long v = product(depth);
      while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        char op = s.charAt(i++);
        long r = product(depth);
        v = op == '+' ? v + r : v - r;
      }
      return v;
    }

    private long product(int depth) {
      long v = atom(depth);
      while (i < s.length() && (s.charAt(i) == '*' || s.charAt(i) == '/')) {
        char op = s.charAt(i++);
        long r = atom(depth);
        v = op == '*' ? Math.multiplyExact(v, r) : divideRoundingUp(v, r);
      }
      return v;
    }

    private static long divideRoundingUp(long l, long r) {
      if (r == 0) {
        return 0;
      }
      return l % r > 0 ? l / r + 1 : l / r;
    }

    private long atom(int depth) {
      if (depth > 20) {
        throw new IllegalArgumentException("too deep");
      }
      if (i < s.length() && s.charAt(i) == '(') {
        i++;
        long v = comparison(depth + 1);
        if (i >= s.length() || s.charAt(i) != ')') {
          throw new IllegalArgumentException(")");
        }
        i++;
        return v;
      }
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return Long.parseLong(s.substring(start, i));
    }
  }

  /** All SmartLimiters (for checks). */
  public List<Resource> all() {
    return new ArrayList<>(mesh.of("SmartLimiter"));
  }
}
