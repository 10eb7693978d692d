package io.meshdojo.content;

import io.meshdojo.web.AppMessages;

/** Where a learner stands with a lesson or a lab. */
public enum ProgressStatus {
  NOT_STARTED,
  IN_PROGRESS,
  DONE;

  public static ProgressStatus of(boolean done, boolean started) {
    return done ? DONE : started ? IN_PROGRESS : NOT_STARTED;
  }

  /** The badge the lists show: always words, the colour only repeats them. */
  public Badge badge(AppMessages msg) {
    return switch (this) {
      case DONE -> new Badge("done", msg.progress_done());
      case IN_PROGRESS -> new Badge("in-progress", msg.progress_in_progress());
      case NOT_STARTED -> new Badge("not-started", msg.progress_not_started());
    };
  }

  /**
   * @param css the status as a class name ({@code done}, {@code in-progress}, {@code not-started})
   * @param label the status in the page's language
   */
  public record Badge(String css, String label) {}
}
