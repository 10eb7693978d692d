package io.meshdojo.exam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The tasks of one attempt, drawn from the exam's pool by a seed: stratified by domain (each domain
 * gets its weight's share of the tasks, the largest remainders rounding up), the tasks of a domain
 * and every parameter's value picked by the same seeded generator, so the seed alone reproduces the
 * draw.
 */
final class Draw {

  private Draw() {}

  static List<DrawnTask> of(Exam exam, long seed) {
    Random random = new Random(seed);
    Map<String, Integer> quota = quota(exam);
    List<DrawnTask> drawn = new ArrayList<>();
    for (Exam.Domain domain : exam.domains()) {
      List<ExamTask> candidates = new ArrayList<>(exam.tasksOf(domain.id()));
      Collections.shuffle(candidates, random);
      for (ExamTask task : candidates.subList(0, quota.get(domain.id()))) {
        drawn.add(new DrawnTask(drawn.size() + 1, task, parameters(task, random)));
      }
    }
    return List.copyOf(drawn);
  }

  /**
   * How many tasks each domain gets: its weight's share of {@code tasksPerAttempt}, floored, then
   * one more to the domains with the largest remainders (earlier domains first on a tie).
   */
  static Map<String, Integer> quota(Exam exam) {
    int n = exam.tasksPerAttempt();
    int total = exam.domains().stream().mapToInt(Exam.Domain::weight).sum();
    Map<String, Integer> quota = new LinkedHashMap<>();
    List<Exam.Domain> byRemainder = new ArrayList<>(exam.domains());
    int given = 0;
    for (Exam.Domain d : exam.domains()) {
      int share = d.weight() * n / total;
      quota.put(d.id(), share);
      given += share;
    }
    byRemainder.sort((a, b) -> Integer.compare(b.weight() * n % total, a.weight() * n % total));
    for (int i = 0; given < n; i++, given++) {
      quota.merge(byRemainder.get(i).id(), 1, Integer::sum);
    }
    return quota;
  }

  /** One value of each parameter, in the order the task declares them. */
  static Map<String, JsonNode> parameters(ExamTask task, Random random) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    task.parameters()
        .forEach((name, pool) -> values.put(name, pool.get(random.nextInt(pool.size()))));
    return values;
  }
}
