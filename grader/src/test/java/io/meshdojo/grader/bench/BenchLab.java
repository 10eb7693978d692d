package io.meshdojo.grader.bench;

import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic lab for the benchmark: 10 behaviour objectives of 20 probes each (200 probes) over
 * the bookinfo environment, graded against routing, fault, mTLS and authorization resources.
 */
public final class BenchLab {

  static final String ID = "bench";

  private BenchLab() {}

  /** Writes labs/bench/lab.yaml under {@code root} and returns a grader reading it. */
  public static Grader grader(Path root) throws IOException {
    Path dir = root.resolve(ID);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("lab.yaml"), labYaml());
    return Grader.fromDirectories(root, Path.of("infra", "environments").toAbsolutePath());
  }

  static String labYaml() {
    String[][] calls = {
      {"bookinfo/productpage-v1", "reviews:9080", "reviews"},
      {"bookinfo/productpage-v1", "details:9080", "details"},
      {"bookinfo/reviews-v2", "ratings:9080", "ratings"},
      {"bookinfo/reviews-v3", "ratings:9080", "ratings"},
      {"bookinfo/productpage-v1", "reviews.bookinfo.svc.cluster.local:9080", "reviews"},
    };
    String[] users = {"jason", "Jason", "jasmine", "jason-smith"};
    StringBuilder sb = new StringBuilder();
    sb.append("apiVersion: meshdojo.io/v1alpha1\nkind: Lab\nmetadata: {name: bench}\nspec:\n");
    sb.append("  environment: bookinfo\n  setup: []\n  solution: []\n  objectives:\n");
    for (int o = 0; o < 10; o++) {
      String[] call = calls[o % calls.length];
      sb.append("    - id: objective-").append(o).append("\n");
      sb.append("      kind: behaviour\n      points: 1\n");
      sb.append("      text: {en: \"objective ")
          .append(o)
          .append("\", zh: \"目标 ")
          .append(o)
          .append("\"}\n");
      sb.append("      probes:\n");
      for (int p = 0; p < 20; p++) {
        String method = p % 5 == 4 ? "POST" : "GET";
        sb.append("        - {from: ")
            .append(call[0])
            .append(", to: \"")
            .append(call[1])
            .append("\", method: ")
            .append(method)
            .append(", path: /x/")
            .append(p)
            .append(", headers: {end-user: ")
            .append(users[p % users.length])
            .append("}}\n");
      }
      sb.append("      expect: {reach: {app: ").append(call[2]).append("}}\n");
    }
    return sb.toString();
  }

  /** Resources applied by the "learner": routing, a fault, mTLS and authorization. */
  static List<Submission> submission() throws IOException {
    List<Submission> out = new ArrayList<>();
    for (String f :
        List.of(
            "labs/request-routing/solution/reviews-routing.yaml",
            "labs/fault-injection/solution/ratings-delay.yaml",
            "labs/mtls-strict/solution/peer-authentication.yaml",
            "labs/authz-bookinfo/solution/authorization-policies.yaml")) {
      out.add(new Submission(f, Files.readString(Path.of(f))));
    }
    return out;
  }
}
