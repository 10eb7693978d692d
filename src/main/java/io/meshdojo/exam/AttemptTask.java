package io.meshdojo.exam;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** What the candidate marked on one task of an attempt, and how long it was open. */
@Entity
@Table(name = "exam_attempt_task")
public class AttemptTask {

  /** The attempt and the task's number in it. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "attempt_id", length = 36)
    public String attemptId;

    @Column(name = "number")
    public int number;

    public Key() {}

    public Key(String attemptId, int number) {
      this.attemptId = attemptId;
      this.number = number;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.attemptId.equals(attemptId) && k.number == number;
    }

    @Override
    public int hashCode() {
      return Objects.hash(attemptId, number);
    }
  }

  @EmbeddedId public Key key;

  @Column(nullable = false)
  public boolean flagged;

  @Column(nullable = false)
  public boolean visited;

  @Column(name = "open_seconds", nullable = false)
  public long openSeconds;
}
