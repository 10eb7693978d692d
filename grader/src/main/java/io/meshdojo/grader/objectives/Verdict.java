package io.meshdojo.grader.objectives;

import io.meshdojo.grader.api.ProbeTraffic;
import java.util.List;

/**
 * Result of one objective: whether it is met, a message and evidence, in both languages, and for a
 * behaviour objective with probes, where each probe's requests go.
 */
public record Verdict(
    boolean passed, Bilingual message, List<Bilingual> evidence, List<ProbeTraffic> traffic) {

  public Verdict {
    traffic = List.copyOf(traffic);
  }

  /** A verdict without traffic (objectives that send no probes). */
  public Verdict(boolean passed, Bilingual message, List<Bilingual> evidence) {
    this(passed, message, evidence, List.of());
  }
}
