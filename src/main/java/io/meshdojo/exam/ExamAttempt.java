package io.meshdojo.exam;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A candidate's attempt at an exam: the draw (with the seed it came from), the clock ({@code
 * endsAt}, set once the sandbox is READY) and, once graded, the result in both languages as JSON.
 * Status moves PROVISIONING → IN_PROGRESS → GRADING → GRADED, each step a conditional update.
 */
@Entity
@Table(name = "exam_attempt")
public class ExamAttempt {

  public enum Status {
    PROVISIONING,
    IN_PROGRESS,
    GRADING,
    GRADED
  }

  @Id
  @Column(length = 36)
  public String id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "exam_id", nullable = false, length = 63)
  public String examId;

  @Column(nullable = false)
  public long seed;

  @Column(nullable = false, columnDefinition = "TEXT")
  public String draw;

  @Column(nullable = false, length = 16)
  public String status;

  @Column(name = "open_exam", length = 63)
  public String openExam;

  @Column(name = "sandbox_id", length = 36)
  public String sandboxId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "ends_at")
  public Instant endsAt;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "ended_by", length = 16)
  public String endedBy;

  @Column(name = "grading_since")
  public Instant gradingSince;

  @Column(columnDefinition = "TEXT")
  public String notes;

  @Column(name = "current_task")
  public Integer currentTask;

  @Column(name = "current_since")
  public Instant currentSince;

  public Double score;

  @Column(name = "points_percent")
  public Double pointsPercent;

  public Boolean passed;

  @Column(name = "result_en", columnDefinition = "TEXT")
  public String resultEn;

  @Column(name = "result_zh", columnDefinition = "TEXT")
  public String resultZh;

  public Status status() {
    return Status.valueOf(status);
  }
}
