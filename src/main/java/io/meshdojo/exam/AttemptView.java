package io.meshdojo.exam;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the API shows of an attempt. {@code remainingSeconds} is computed from the stored {@code
 * endsAt} and the server's clock at every look (null until the clock starts). Tasks carry their
 * instructions (with the drawn parameters) only in the detailed view; nothing of the objectives or
 * the solutions is ever in it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(
    String id,
    String exam,
    String candidate,
    String status,
    Instant startedAt,
    Instant endsAt,
    Long remainingSeconds,
    long seed,
    String sandbox,
    List<Task> tasks) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Task(
      int number,
      String domain,
      int points,
      String title,
      boolean flagged,
      boolean visited,
      String instructions,
      String docs,
      Integer targetMinutes) {}
}
