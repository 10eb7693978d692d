package io.meshdojo.grader.objectives;

import io.meshdojo.grader.api.ControlPlaneHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a {@code controlPlane} expectation against the history: what held at every moment, and
 * where the namespace's proxies ended up.
 */
final class ControlPlaneVerdict {

  private ControlPlaneVerdict() {}

  static Verdict of(List<ControlPlaneHistory.Moment> history, Objective.ControlPlane want) {
    List<Bilingual> evidence = new ArrayList<>();
    Bilingual failure = null;
    for (int i = 0; i < history.size() && failure == null; i++) {
      ControlPlaneHistory.Moment m = history.get(i);
      String when =
          i == history.size() - 1 ? "In the end state" : "At moment " + (i + 1) + " of the history";
      String whenZh = i == history.size() - 1 ? "在最终状态中" : "在历史记录的第 " + (i + 1) + " 个时刻";
      for (ControlPlaneHistory.Proxy p : m.proxies()) {
        if (!p.namespace().equals(want.namespace())) {
          continue;
        }
        String pod = p.pod().isEmpty() ? p.workload() : p.namespace() + "/" + p.pod();
        if (want.always().contains("injected") && p.revision() == null) {
          failure =
              new Bilingual(
                  when + ", pod " + pod + " ran without an Istio proxy.",
                  whenZh + "，Pod " + pod + " 在没有 Istio 代理的情况下运行。");
          break;
        }
        if (want.always().contains("served") && p.revision() != null && !m.served(p)) {
          failure =
              new Bilingual(
                  when
                      + ", the proxy of "
                      + pod
                      + " belonged to revision "
                      + p.revision()
                      + ", which no istiod served: it had lost its control plane.",
                  whenZh
                      + "，"
                      + pod
                      + " 的代理属于修订版 "
                      + p.revision()
                      + "，但没有 istiod 提供该修订版：它失去了控制平面。");
          break;
        }
      }
    }
    if (!want.always().isEmpty()) {
      evidence.add(
          new Bilingual(
              history.size() + " moment(s) of the control plane were read.",
              "读取了控制平面的 " + history.size() + " 个时刻。"));
    }
    ControlPlaneHistory.Moment end = history.get(history.size() - 1);
    if (failure == null && want.revision() != null) {
      boolean any = false;
      for (ControlPlaneHistory.Proxy p : end.proxies()) {
        if (!p.namespace().equals(want.namespace())) {
          continue;
        }
        any = true;
        String pod = p.pod().isEmpty() ? p.workload() : p.namespace() + "/" + p.pod();
        boolean versionOk =
            want.versionPrefix() == null || p.version().startsWith(want.versionPrefix());
        if (!want.revision().equals(p.revision()) || !versionOk) {
          String has =
              p.revision() == null
                  ? "no proxy"
                  : "a proxy of revision " + p.revision() + " at version " + p.version();
          String hasZh =
              p.revision() == null ? "没有代理" : "修订版 " + p.revision() + "、版本 " + p.version() + " 的代理";
          failure =
              new Bilingual(
                  pod
                      + " runs "
                      + has
                      + ", not revision "
                      + want.revision()
                      + (want.versionPrefix() == null ? "" : " at " + want.versionPrefix() + "x")
                      + " (a pod keeps its proxy until it is recreated).",
                  pod
                      + " 运行的是"
                      + hasZh
                      + "，而不是修订版 "
                      + want.revision()
                      + (want.versionPrefix() == null ? "" : "（" + want.versionPrefix() + "x）")
                      + "（Pod 在重新创建之前会一直保留原来的代理）。");
          break;
        }
      }
      if (!any && failure == null) {
        failure =
            new Bilingual(
                "No pod runs in namespace " + want.namespace() + ".",
                "命名空间 " + want.namespace() + " 中没有运行任何 Pod。");
      }
    }
    return new Verdict(failure == null, failure, evidence);
  }
}
