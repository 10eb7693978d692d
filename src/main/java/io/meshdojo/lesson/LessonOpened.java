package io.meshdojo.lesson;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in learner first opened a lesson; opened but not marked read is "in progress". */
@Entity
@Table(name = "lesson_opened")
public class LessonOpened {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lesson_id", nullable = false, length = 100)
  public String lessonId;

  @Column(name = "opened_at", nullable = false)
  public Instant openedAt;
}
