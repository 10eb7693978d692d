package io.meshdojo.exam;

import io.meshdojo.content.Bilingual;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An exam as {@code exams/<id>/exam.yaml} defines it, with its pool's tasks read. */
public record Exam(
    String id,
    Bilingual title,
    Bilingual rules,
    String environment,
    Duration duration,
    int passingScore,
    int tasksPerAttempt,
    boolean review,
    List<Domain> domains,
    List<ExamTask> pool) {

  /** A domain and its weight in percent of the score. */
  public record Domain(String id, int weight, Bilingual title) {}

  public Optional<Domain> domain(String id) {
    return domains.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  public Optional<ExamTask> task(String id) {
    return pool.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The tasks an attempt with this seed asks, numbered from 1: the seed alone reproduces them. */
  public List<DrawnTask> draw(long seed) {
    return Draw.of(this, seed);
  }

  /** The pool's tasks of one domain, in pool order. */
  public List<ExamTask> tasksOf(String domain) {
    return pool.stream().filter(t -> t.domain().equals(domain)).toList();
  }
}
