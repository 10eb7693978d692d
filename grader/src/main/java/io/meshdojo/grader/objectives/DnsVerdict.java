package io.meshdojo.grader.objectives;

import io.meshdojo.grader.mesh.DnsResolution;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decides a {@code dns} expectation: who answers each name in pods of each workload. */
final class DnsVerdict {

  private static final Map<String, DnsResolution.Source> WANTED =
      Map.of(
          "sidecar", DnsResolution.Source.ISTIO_AGENT,
          "cluster", DnsResolution.Source.CLUSTER_DNS,
          "nobody", DnsResolution.Source.NONE);

  private DnsVerdict() {}

  static Verdict of(Mesh mesh, Objective.Dns want) {
    DnsResolution dns = new DnsResolution(mesh);
    DnsResolution.Source wanted = WANTED.get(want.answeredBy());
    List<Bilingual> evidence = new ArrayList<>();
    Bilingual failure = null;
    for (Workload w : ConfigSizeVerdict.proxies(mesh, want.from())) {
      for (String name : want.names()) {
        DnsResolution.Answer a = dns.resolve(w, name);
        Bilingual line = sentence(w, name, a);
        evidence.add(line);
        if (a.source() != wanted && failure == null) {
          failure = line;
        }
      }
    }
    if (evidence.isEmpty()) {
      failure =
          new Bilingual(
              "No workload matches " + want.from() + ".", "没有工作负载匹配 " + want.from() + "。");
    }
    return new Verdict(failure == null, failure, evidence);
  }

  private static Bilingual sentence(Workload w, String name, DnsResolution.Answer a) {
    String in = "In " + w.id() + ", " + name;
    String zh = "在 " + w.id() + " 中，" + name;
    return switch (a.source()) {
      case ISTIO_AGENT ->
          new Bilingual(
              in + " is answered by the sidecar's DNS proxy with " + a.address() + ".",
              zh + " 由 sidecar 的 DNS 代理应答，地址为 " + a.address() + "。");
      case CLUSTER_DNS ->
          new Bilingual(
              in + " is a Kubernetes Service the cluster's DNS answers.",
              zh + " 是 Kubernetes Service，由集群 DNS 应答。");
      case UPSTREAM -> new Bilingual(in + " is left to the upstream DNS.", zh + " 交给上游 DNS 解析。");
      case NONE ->
          new Bilingual(
              in + " does not resolve (NXDOMAIN): " + a.why() + ".",
              zh + " 无法解析（NXDOMAIN）：" + a.why() + "。");
    };
  }
}
