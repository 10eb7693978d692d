package io.meshdojo.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint an exam attempt refuses with a 409, enforced for every such endpoint by {@link
 * ExamGuard}: a lab's help and grading while the caller takes an exam, and acting on the attempt's
 * own sandbox, which the attempt owns until it is graded.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DuringExam {

  /** What is refused, as the 409 names it, e.g. "A Check". */
  String value();

  /** Where it is refused. */
  Refused refused();

  enum Refused {
    /** While the caller has a live exam sandbox, whichever sandbox or lab the request names. */
    WHILE_TAKING_AN_EXAM,
    /** On the sandbox the path's {@code id} names, when it belongs to an exam attempt. */
    ON_AN_ATTEMPTS_SANDBOX
  }
}
