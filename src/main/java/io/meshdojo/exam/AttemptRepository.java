package io.meshdojo.exam;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AttemptRepository implements PanacheRepositoryBase<ExamAttempt, String> {

  public Optional<ExamAttempt> lock(String id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  public Optional<ExamAttempt> open(long accountId, String examId) {
    return find("accountId = ?1 and openExam = ?2", accountId, examId).firstResultOptional();
  }

  public List<ExamAttempt> ofAccount(long accountId) {
    return list("accountId = ?1 order by createdAt desc", accountId);
  }

  public List<ExamAttempt> ofExam(String examId) {
    return list("examId = ?1 order by createdAt desc", examId);
  }

  /** The clock starts: PROVISIONING becomes IN_PROGRESS once, whoever sees the sandbox first. */
  public boolean start(String id, Instant now, Duration duration) {
    return update(
            "status = ?1, startedAt = ?2, endsAt = ?3 where id = ?4 and status = ?5",
            ExamAttempt.Status.IN_PROGRESS.name(),
            now,
            now.plus(duration),
            id,
            ExamAttempt.Status.PROVISIONING.name())
        == 1;
  }

  /**
   * Claims the grading: one conditional update, so of two submits at once (or a submit and the
   * clock) exactly one grades. A claim older than {@code stale} (its grader died) may be taken
   * over.
   */
  public boolean claimGrading(
      String id, Instant now, String endedBy, Instant submittedAt, Duration stale) {
    return update(
            "status = ?1, gradingSince = ?2, endedBy = coalesce(endedBy, ?3),"
                + " submittedAt = coalesce(submittedAt, ?4)"
                + " where id = ?5 and (status = ?6 or (status = ?1 and gradingSince < ?7))",
            ExamAttempt.Status.GRADING.name(),
            now,
            endedBy,
            submittedAt,
            id,
            ExamAttempt.Status.IN_PROGRESS.name(),
            now.minus(stale))
        == 1;
  }

  /** Attempts whose time is up, or whose grading was left unfinished, for the clock's job. */
  public List<String> due(Instant now, Duration stale) {
    return getEntityManager()
        .createQuery(
            "select a.id from ExamAttempt a where (a.status = ?1 and a.endsAt <= ?2)"
                + " or (a.status = ?3 and a.gradingSince < ?4)",
            String.class)
        .setParameter(1, ExamAttempt.Status.IN_PROGRESS.name())
        .setParameter(2, now)
        .setParameter(3, ExamAttempt.Status.GRADING.name())
        .setParameter(4, now.minus(stale))
        .getResultList();
  }

  /** Attempts still waiting for their sandbox. */
  public List<ExamAttempt> provisioning() {
    return list("status", ExamAttempt.Status.PROVISIONING.name());
  }
}
