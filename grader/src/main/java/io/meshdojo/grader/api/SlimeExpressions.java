package io.meshdojo.grader.api;

import io.meshdojo.grader.mesh.Limits;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Slime's SmartLimiter expressions as the grader reads them, for the embedded sandbox's simulated
 * Slime controller: one reading of a quota and a condition, whoever asks.
 */
public final class SlimeExpressions {

  private SlimeExpressions() {}

  /**
   * A quota ({@code "10"}, {@code "30/{{._base.pod}}"}) for a number of pods, in Slime's integer
   * arithmetic; empty when it is not a number or a pod-count template.
   */
  public static OptionalLong quota(String text, int pods) {
    OptionalDouble q = Limits.quota(text, pods);
    return q.isPresent() ? OptionalLong.of((long) q.getAsDouble()) : OptionalLong.empty();
  }

  /** Whether a condition has Slime's syntax ({@code "true"}, {@code "{{._base.cpu.sum}}>100"}). */
  public static boolean validCondition(String condition) {
    return Limits.validCondition(condition);
  }
}
