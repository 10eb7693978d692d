package io.meshdojo.lesson;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class LessonOpenedRepository implements PanacheRepository<LessonOpened> {

  public Set<String> openedLessonIds(long accountId) {
    return find("accountId", accountId).stream().map(o -> o.lessonId).collect(Collectors.toSet());
  }

  /** Keeps the first opening; opening again, even in two tabs at once, changes nothing. */
  public void record(long accountId, String lessonId, Instant at) {
    getEntityManager()
        .createNativeQuery(
            "INSERT INTO lesson_opened (account_id, lesson_id, opened_at)"
                + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .setParameter(1, accountId)
        .setParameter(2, lessonId)
        .setParameter(3, at.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }
}
