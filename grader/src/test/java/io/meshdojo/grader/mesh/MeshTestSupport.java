package io.meshdojo.grader.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.testing.RepositoryEnvironments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds meshes from the bookinfo baseline plus YAML, and summarises outcomes. */
final class MeshTestSupport {

  private MeshTestSupport() {}

  static Mesh mesh(String environment, String yaml) {
    List<Resource> all = new ArrayList<>(RepositoryEnvironments.get().baseline(environment));
    ResourceIntake.Result r = ResourceIntake.read("test.yaml", yaml);
    assertThat(r.findings()).as("intake findings").isEmpty();
    all.addAll(r.resources());
    return new Mesh(all);
  }

  /** A router over the bookinfo baseline plus these documents. */
  static Router bookinfoRouter(String... documents) {
    return new Router(mesh("bookinfo", String.join("---\n", documents)));
  }

  /** A bookinfo object: apiVersion, kind, name and its {@code spec} (YAML starting at column 0). */
  static String bookinfoObject(String apiVersion, String kind, String name, String spec) {
    return """
        apiVersion: %s
        kind: %s
        metadata: {name: %s, namespace: bookinfo}
        spec:
        %s"""
        .formatted(apiVersion, kind, name, spec.indent(2));
  }

  /**
   * A VirtualService in bookinfo named after its one host, with these {@code http} rules (a YAML
   * list starting at column 0).
   */
  static String virtualService(String host, String http) {
    return bookinfoObject(
        "networking.istio.io/v1",
        "VirtualService",
        host.replaceAll("\\..*", ""),
        "hosts: [" + host + "]\nhttp:\n" + http);
  }

  /**
   * An AuthorizationPolicy in bookinfo named after the app it selects, with these {@code spec}
   * fields besides the selector (YAML starting at column 0).
   */
  static String authorizationPolicy(String app, String spec) {
    return bookinfoObject(
        "security.istio.io/v1",
        "AuthorizationPolicy",
        app,
        "selector: {matchLabels: {app: " + app + "}}\n" + spec);
  }

  /** "v2" -> 1.0 style summary: reached versions, or status codes for failures. */
  static Map<String, Double> summary(List<Outcome> outcomes) {
    Map<String, Double> m = new TreeMap<>();
    for (Outcome o : outcomes) {
      String key =
          o.kind() == Outcome.Kind.REACHED ? o.workload().name() : String.valueOf(o.status());
      if (o.delayMs() > 0) {
        key += "+" + o.delayMs() + "ms";
      }
      m.merge(key, o.probability(), Double::sum);
    }
    m.replaceAll((k, v) -> Math.round(v * 10000) / 10000.0);
    return m;
  }
}
