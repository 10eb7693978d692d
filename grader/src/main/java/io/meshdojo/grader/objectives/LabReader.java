package io.meshdojo.grader.objectives;

import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.mesh.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads a lab.yaml (already schema-checked by the service) into a {@link Lab}. */
public final class LabReader {

  private LabReader() {}

  /**
   * @param files reads a file relative to the lab folder, or returns null when it is missing
   */
  @SuppressWarnings("unchecked")
  public static Lab read(String id, String labYaml, Function<String, String> files) {
    Map<String, Object> doc;
    try {
      doc = (Map<String, Object>) SafeYaml.parseAll(labYaml).get(0);
    } catch (SafeYaml.YamlRejected e) {
      throw new IllegalArgumentException("lab " + id + ": " + e.getMessage(), e);
    }
    Map<String, Object> spec = map(doc.get("spec"));
    Map<String, String> setup = manifests(id, spec.get("setup"), files);
    Map<String, String> solution = manifests(id, spec.get("solution"), files);
    List<Objective> objectives = new ArrayList<>();
    for (Object o : list(spec.get("objectives"))) {
      objectives.add(objective(id, map(o)));
    }
    return new Lab(
        id, String.valueOf(spec.get("environment")), setup, solution, List.copyOf(objectives));
  }

  /**
   * A lab from parts already read: objectives as the maps a lab.yaml holds, manifests by name, in
   * order.
   */
  public static Lab of(
      String id,
      String environment,
      Map<String, String> setup,
      Map<String, String> solution,
      List<Map<String, Object>> objectiveMaps) {
    List<Objective> objectives = new ArrayList<>();
    for (Map<String, Object> o : objectiveMaps) {
      objectives.add(objective(id, o));
    }
    return new Lab(
        id,
        environment,
        new LinkedHashMap<>(setup),
        new LinkedHashMap<>(solution),
        List.copyOf(objectives));
  }

  private static Map<String, String> manifests(
      String id, Object paths, Function<String, String> files) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Object p : list(paths)) {
      String text = files.apply(String.valueOf(p));
      if (text == null) {
        throw new IllegalArgumentException("lab " + id + ": missing manifest " + p);
      }
      out.put(String.valueOf(p), text);
    }
    return out;
  }

  private static Objective objective(String lab, Map<String, Object> o) {
    String id = String.valueOf(o.get("id"));
    Objective.Kind kind =
        Objective.Kind.valueOf(String.valueOf(o.get("kind")).toUpperCase(Locale.ROOT));
    int points = o.get("points") instanceof Number n ? n.intValue() : 1;
    Map<String, Object> text = map(o.get("text"));
    Bilingual bt = new Bilingual(String.valueOf(text.get("en")), String.valueOf(text.get("zh")));
    List<Probe> probes = new ArrayList<>();
    for (Object p : list(o.get("probes"))) {
      probes.add(probe(map(p)));
    }
    Objective.Expect expect = null;
    if (o.get("expect") != null) {
      Map<String, Object> e = map(o.get("expect"));
      Objective.RateLimit rl = null;
      if (e.get("rateLimit") != null) {
        Map<String, Object> r = map(e.get("rateLimit"));
        List<Integer> counts = new ArrayList<>();
        list(r.get("podCounts")).forEach(c -> counts.add(((Number) c).intValue()));
        rl =
            new Objective.RateLimit(
                String.valueOf(r.get("namespace")),
                String.valueOf(r.get("service")),
                ((Number) r.get("port")).intValue(),
                ((Number) r.get("perSecond")).doubleValue(),
                List.copyOf(counts));
      }
      Map<String, Double> shares = null;
      if (e.get("shares") != null) {
        shares = new LinkedHashMap<>();
        for (var s : map(e.get("shares")).entrySet()) {
          shares.put(s.getKey(), ((Number) s.getValue()).doubleValue());
        }
      }
      expect =
          new Objective.Expect(
              e.get("reach") == null ? null : strings(e.get("reach")),
              e.get("status") instanceof Number n ? n.intValue() : null,
              e.get("delayMs") instanceof Number n ? n.longValue() : null,
              shares,
              e.get("shareLabel") == null ? "version" : String.valueOf(e.get("shareLabel")),
              e.get("tolerance") instanceof Number n ? n.doubleValue() : 0.0,
              rl,
              e.get("timeoutMs") instanceof Number n ? n.longValue() : null,
              e.get("attempts") instanceof Number n ? n.intValue() : null,
              e.get("tracingPercent") instanceof Number n ? n.doubleValue() : null,
              EdgeExpect.of(e),
              e.get("via") == null
                  ? null
                  : list(e.get("via")).stream().map(String::valueOf).toList(),
              e.get("flag") == null ? null : String.valueOf(e.get("flag")),
              mirrorCopies(e.get("mirror")),
              some(e.get("some")),
              e.get("loggedBy") == null ? null : texts(e.get("loggedBy")),
              proxyConfig(e.get("proxyConfig")),
              metrics(e.get("metrics")),
              dns(e.get("dns")),
              controlPlane(e.get("controlPlane")));
    }
    Objective.State state = null;
    if (o.get("state") != null) {
      Map<String, Object> s = map(o.get("state"));
      state =
          new Objective.State(
              String.valueOf(s.get("kind")),
              (String) s.get("namespace"),
              (String) s.get("name"),
              map(s.get("match")));
    }
    Objective.Analysis analysis = null;
    if (o.get("analysis") != null) {
      Map<String, Object> a = map(o.get("analysis"));
      analysis =
          new Objective.Analysis(
              (String) a.get("namespace"),
              a.get("level") == null ? "error" : String.valueOf(a.get("level")));
    }
    String expression = o.get("expression") == null ? null : String.valueOf(o.get("expression"));
    Objective obj =
        new Objective(
            id, kind, points, bt, List.copyOf(probes), expect, state, analysis, expression);
    boolean ok =
        switch (kind) {
          case BEHAVIOUR -> expect != null;
          case STATE -> state != null;
          case ANALYSIS -> analysis != null;
          case EXPRESSION -> expression != null;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "lab "
              + lab
              + ", objective "
              + id
              + ": "
              + kind
              + " needs its "
              + kind.name().toLowerCase(Locale.ROOT)
              + " part");
    }
    return obj;
  }

  private static Probe probe(Map<String, Object> p) {
    String to = String.valueOf(p.get("to"));
    int colon = to.lastIndexOf(':');
    String host = colon < 0 ? to : to.substring(0, colon);
    int port = colon < 0 ? 80 : Integer.parseInt(to.substring(colon + 1));
    return new Probe(
        String.valueOf(p.get("from")),
        host,
        port,
        p.get("method") == null ? "GET" : String.valueOf(p.get("method")),
        p.get("path") == null ? "/" : String.valueOf(p.get("path")),
        p.get("headers") == null ? Map.of() : strings(p.get("headers")),
        p.get("gatewayPort") instanceof Number n ? n.intValue() : null,
        p.get("protocol") == null ? "http" : String.valueOf(p.get("protocol")),
        p.get("attributes") == null ? Map.of() : strings(p.get("attributes")),
        p.get("repeat") instanceof Number n ? n.intValue() : 1,
        EdgeProbe.tls(p),
        EdgeProbe.jwt(p.get("jwt")),
        traffic(p));
  }

  /** The conditions of a probe's requests: scheme, concurrency, upstream, pastErrors. */
  private static Traffic traffic(Map<String, Object> p) {
    Traffic.Upstream upstream = Traffic.Upstream.HEALTHY;
    if (p.get("upstream") != null) {
      Map<String, Object> u = map(p.get("upstream"));
      upstream =
          new Traffic.Upstream(
              u.get("failures") instanceof Number n ? n.intValue() : 0,
              u.get("error") == null ? null : String.valueOf(u.get("error")),
              u.get("delayMs") instanceof Number n ? n.longValue() : 0);
    }
    Traffic.PastErrors past = null;
    if (p.get("pastErrors") != null) {
      Map<String, Object> e = map(p.get("pastErrors"));
      past =
          new Traffic.PastErrors(
              e.get("status") instanceof Number n ? n.intValue() : 500,
              e.get("count") instanceof Number n ? n.intValue() : 1,
              e.get("elapsedMs") instanceof Number n ? n.longValue() : 0);
    }
    return new Traffic(
        "https".equals(p.get("scheme")),
        p.get("concurrency") instanceof Number n ? n.intValue() : 1,
        upstream,
        past);
  }

  private static Objective.MirrorCopies mirrorCopies(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> m = map(o);
    return new Objective.MirrorCopies(
        strings(m.get("reach")), m.get("percent") instanceof Number n ? n.doubleValue() : 100);
  }

  private static Objective.Some some(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> m = map(o);
    return new Objective.Some(
        m.get("status") instanceof Number n ? n.intValue() : null,
        m.get("flag") == null ? null : String.valueOf(m.get("flag")));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  private static List<String> texts(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }

  private static Objective.ProxyConfig proxyConfig(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> p = map(o);
    return new Objective.ProxyConfig(
        texts(p.get("proxies")),
        p.get("clustersAtMost") instanceof Number n ? n.intValue() : null,
        p.get("routesAtMost") instanceof Number n ? n.intValue() : null,
        texts(p.get("holds")));
  }

  private static Objective.Metrics metrics(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> m = map(o);
    return new Objective.Metrics(
        String.valueOf(m.get("series")),
        texts(m.get("reportedBy")),
        texts(m.get("withoutTags")),
        texts(m.get("withTags")));
  }

  private static Objective.ControlPlane controlPlane(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> c = map(o);
    Map<String, Object> atEnd = c.get("atEnd") == null ? Map.of() : map(c.get("atEnd"));
    List<String> always = c.get("always") == null ? List.of() : texts(c.get("always"));
    for (String a : always) {
      if (!List.of("injected", "served").contains(a)) {
        throw new IllegalArgumentException(
            "controlPlane.always: " + a + " is neither injected nor served");
      }
    }
    return new Objective.ControlPlane(
        String.valueOf(c.get("namespace")),
        always,
        atEnd.get("revision") == null ? null : String.valueOf(atEnd.get("revision")),
        atEnd.get("versionPrefix") == null ? null : String.valueOf(atEnd.get("versionPrefix")));
  }

  private static Objective.Dns dns(Object o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> d = map(o);
    return new Objective.Dns(
        texts(d.get("from")), texts(d.get("names")), String.valueOf(d.get("answeredBy")));
  }

  private static Map<String, String> strings(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
