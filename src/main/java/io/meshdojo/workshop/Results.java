package io.meshdojo.workshop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A workshop's results: one row per learner and lab, as JSON or CSV. */
final class Results {

  /**
   * {@code secondsToPass} counts from the learner's first sandbox for the lab; null if not passed.
   */
  record Row(
      String username,
      String lab,
      String status,
      int score,
      int maxScore,
      int checks,
      int hintsUsed,
      boolean solutionRevealed,
      Long secondsToPass) {}

  static final String CSV_HEADER =
      "username,lab,status,score,maxScore,checks,hintsUsed,solutionRevealed,secondsToPass";

  private Results() {}

  static List<Row> of(Board board) {
    List<Row> rows = new ArrayList<>();
    for (Board.Learner learner : board.learners()) {
      for (Board.LabCell cell : learner.labs()) {
        Long toPass =
            cell.passedAt() == null || cell.startedAt() == null
                ? null
                : Duration.between(cell.startedAt(), cell.passedAt()).toSeconds();
        rows.add(
            new Row(
                learner.username(),
                cell.lab(),
                cell.status(),
                cell.score(),
                cell.maxScore(),
                cell.checks(),
                cell.hintsUsed(),
                cell.solutionRevealed(),
                toPass));
      }
    }
    return rows;
  }

  /**
   * CSV as RFC 4180 reads it. Usernames and lab ids hold only letters, digits, dots, underscores
   * and hyphens and never start with one of a spreadsheet's formula characters, so no cell needs
   * quoting.
   */
  static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
    for (Row r : rows) {
      out.append(
              String.join(
                  ",",
                  r.username(),
                  r.lab(),
                  r.status(),
                  String.valueOf(r.score()),
                  String.valueOf(r.maxScore()),
                  String.valueOf(r.checks()),
                  String.valueOf(r.hintsUsed()),
                  String.valueOf(r.solutionRevealed()),
                  r.secondsToPass() == null ? "" : String.valueOf(r.secondsToPass())))
          .append("\r\n");
    }
    return out.toString();
  }
}
