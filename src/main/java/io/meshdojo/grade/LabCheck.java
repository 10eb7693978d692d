package io.meshdojo.grade;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** One click on "Check": the verdict as it stood then, kept for the learner's history. */
@Entity
@Table(name = "lab_check")
public class LabCheck {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lab_id", nullable = false, length = 100)
  public String labId;

  @Column(name = "session_id", nullable = false, length = 36)
  public String sessionId;

  @Column(name = "checked_at", nullable = false)
  public Instant checkedAt;

  @Column(nullable = false)
  public int score;

  @Column(name = "max_score", nullable = false)
  public int maxScore;

  @Column(nullable = false)
  public boolean passed;

  /** The learner had revealed the lab's reference solution before this check. */
  @Column(name = "after_solution", nullable = false)
  public boolean afterSolution;

  // A child table rather than a JSON column: typed, constrained and queryable on H2 and PostgreSQL
  // alike. Loaded in batches so a page of history costs two queries, not one per check.
  @ElementCollection
  @CollectionTable(name = "lab_check_objective", joinColumns = @JoinColumn(name = "check_id"))
  @OrderColumn(name = "position")
  @BatchSize(size = 100)
  public List<ObjectiveOutcome> objectives = new ArrayList<>();
}
