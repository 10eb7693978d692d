package io.meshdojo.grade;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** How one objective fared in a stored check; the explanation is not kept, only the verdict. */
@Embeddable
public class ObjectiveOutcome {

  @Column(name = "objective_id", nullable = false, length = 100)
  public String objectiveId;

  @Column(nullable = false)
  public boolean passed;

  /** What the objective is worth, as the grader reported it. */
  @Column(nullable = false)
  public int points;
}
