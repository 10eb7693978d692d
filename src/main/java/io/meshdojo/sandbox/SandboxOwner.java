package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a sandbox is for, as its {@code lab_id} records it: a lab's id, or {@code exam:<attempt>}
 * for an exam attempt's sandbox, which holds the setup of every task drawn for it. Lab ids are
 * kebab-case, so the colon never names a lab.
 */
public final class SandboxOwner {

  private static final String EXAM = "exam:";

  private SandboxOwner() {}

  public static String exam(String attemptId) {
    return EXAM + attemptId;
  }

  public static boolean isExam(String owner) {
    return owner != null && owner.startsWith(EXAM);
  }

  /** The attempt of an exam sandbox's owner, or empty for a lab's. */
  public static Optional<String> attempt(String owner) {
    return isExam(owner) ? Optional.of(owner.substring(EXAM.length())) : Optional.empty();
  }

  /**
   * Provided by the feature that owns exam sandboxes: the setup of an attempt's sandbox, parsed, on
   * top of its environment's baseline; empty when there is no such attempt.
   */
  public interface ExamSetups {
    Optional<List<ObjectNode>> of(String attemptId);
  }
}
