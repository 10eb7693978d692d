package io.meshdojo.lesson;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class LessonProgressRepository implements PanacheRepository<LessonProgress> {

  public Set<String> readLessonIds(long accountId) {
    return find("accountId", accountId).stream().map(p -> p.lessonId).collect(Collectors.toSet());
  }

  public List<LessonProgress> history(long accountId) {
    return list("accountId", Sort.descending("readAt"), accountId);
  }

  public Optional<LessonProgress> find(long accountId, String lessonId) {
    return find("accountId = ?1 and lessonId = ?2", accountId, lessonId).firstResultOptional();
  }
}
