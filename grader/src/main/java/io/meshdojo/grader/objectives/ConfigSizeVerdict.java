package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.ProxyConfigSize;
import io.meshdojo.grader.mesh.Workload;
import java.util.ArrayList;
import java.util.List;

/** Decides a {@code proxyConfig} expectation: the config size the model computes per proxy. */
final class ConfigSizeVerdict {

  private ConfigSizeVerdict() {}

  static Verdict of(Mesh mesh, Objective.ProxyConfig want) {
    ProxyConfigSize sizes = new ProxyConfigSize(mesh);
    List<Bilingual> evidence = new ArrayList<>();
    Bilingual failure = null;
    for (Workload w : proxies(mesh, want.proxies())) {
      ProxyConfigSize.Size size = sizes.of(w);
      int clusters = size.clusters().size();
      List<String> missing = new ArrayList<>();
      for (String host : want.holds()) {
        String fqdn = Mesh.fqdn(host, w.namespace());
        if (size.clusters().stream().noneMatch(c -> c.endsWith("|" + fqdn))) {
          missing.add(host);
        }
      }
      boolean ok =
          (want.clustersAtMost() == null || clusters <= want.clustersAtMost())
              && (want.routesAtMost() == null || size.routes() <= want.routesAtMost())
              && missing.isEmpty();
      String lacks = missing.isEmpty() ? "" : "; it holds no cluster for " + missing;
      String lacksZh = missing.isEmpty() ? "" : "；它没有 " + missing + " 的 cluster";
      Bilingual line =
          new Bilingual(
              "The model gives "
                  + w.id()
                  + "'s proxy "
                  + clusters
                  + " clusters and "
                  + size.routes()
                  + " outbound routes"
                  + limits(want)
                  + lacks
                  + ".",
              "模型计算出 "
                  + w.id()
                  + " 的代理持有 "
                  + clusters
                  + " 个 cluster 和 "
                  + size.routes()
                  + " 条出站路由"
                  + limitsZh(want)
                  + lacksZh
                  + "。");
      evidence.add(line);
      if (!ok && failure == null) {
        failure = line;
      }
    }
    if (evidence.isEmpty()) {
      failure =
          new Bilingual(
              "No sidecar matches " + want.proxies() + ".",
              "没有 sidecar 匹配 " + want.proxies() + "。");
    }
    return new Verdict(failure == null, failure, evidence);
  }

  /** {@code ns/name} for one workload, {@code ns/*} for every sidecar in a namespace. */
  static List<Workload> proxies(Mesh mesh, List<String> ids) {
    List<Workload> out = new ArrayList<>();
    for (String id : ids) {
      for (Workload w : mesh.workloads()) {
        boolean named =
            id.endsWith("/*")
                ? (w.namespace() + "/*").equals(id) && w.sidecar()
                : w.id().equals(id);
        if (named && !out.contains(w)) {
          out.add(w);
        }
      }
    }
    return out;
  }

  private static String limits(Objective.ProxyConfig want) {
    String c =
        want.clustersAtMost() == null ? "" : "at most " + want.clustersAtMost() + " clusters";
    String r = want.routesAtMost() == null ? "" : "at most " + want.routesAtMost() + " routes";
    String both = c.isEmpty() || r.isEmpty() ? c + r : c + " and " + r;
    return both.isEmpty() ? "" : " (expected " + both + ")";
  }

  private static String limitsZh(Objective.ProxyConfig want) {
    String c = want.clustersAtMost() == null ? "" : "最多 " + want.clustersAtMost() + " 个 cluster";
    String r = want.routesAtMost() == null ? "" : "最多 " + want.routesAtMost() + " 条路由";
    String both = c.isEmpty() || r.isEmpty() ? c + r : c + "、" + r;
    return both.isEmpty() ? "" : "（预期" + both + "）";
  }
}
