package io.meshdojo.exam;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AttemptTaskRepository implements PanacheRepositoryBase<AttemptTask, AttemptTask.Key> {

  public List<AttemptTask> of(String attemptId) {
    return list("key.attemptId = ?1 order by key.number", attemptId);
  }

  public AttemptTask get(String attemptId, int number) {
    return findById(new AttemptTask.Key(attemptId, number));
  }
}
