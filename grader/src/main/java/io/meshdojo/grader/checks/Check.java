package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import java.util.List;
import java.util.Set;

/**
 * One analysis over the mesh. Implementations are stateless, registered once in {@link
 * CheckRegistry}, read resources only through the {@link CheckContext} and only of the kinds they
 * declare, and emit only the catalogue codes they declare.
 */
public interface Check {

  /** Stable kebab-case id. */
  String id();

  /** One sentence: what mistake this finds. */
  String description();

  /** Kinds this check reads. */
  Set<String> reads();

  /** Catalogue codes this check may emit. */
  Set<String> codes();

  List<Finding> run(CheckContext ctx);

  /**
   * These kinds and those a check reads when it asks about workloads and their sidecars (pods,
   * Deployments, namespaces and the injection webhooks).
   */
  static Set<String> withWorkloads(String... kinds) {
    Set<String> out = new java.util.LinkedHashSet<>(List.of(kinds));
    out.addAll(CheckContext.WORKLOAD_KINDS);
    return Set.copyOf(out);
  }
}
