package io.meshdojo.grader.api;

import java.util.List;

/**
 * Outcome of grading one lab, in one language. Serialises to the CLI's {@code --json} shape.
 *
 * @param lab lab id
 * @param passed every objective is met
 * @param score points of the met objectives
 * @param maxScore points of all objectives
 */
public record GradeResult(
    String lab,
    boolean passed,
    int score,
    int maxScore,
    List<ObjectiveResult> objectives,
    List<FindingResult> findings) {

  /**
   * One objective. {@code expected} is what the objective asks for; {@code message} says, for a
   * failed objective, what the configuration actually does (for a met one it repeats {@code
   * expected}); {@code evidence} lists what each probe observed; {@code traffic} says, for a
   * behaviour objective, where each probe's requests go according to the mesh model (empty for
   * other objectives).
   */
  public record ObjectiveResult(
      String id,
      boolean passed,
      int points,
      String expected,
      String message,
      List<String> evidence,
      List<ProbeTraffic> traffic) {

    public ObjectiveResult {
      evidence = List.copyOf(evidence);
      traffic = List.copyOf(traffic);
    }
  }

  /** One finding: catalogue code, level (error, warning, info), resource and message. */
  public record FindingResult(String code, String level, String resource, String message) {}

  /**
   * The CLI's JSON shape: {@code {"lab","passed","score","maxScore","objectives":[{"id","passed",
   * "points","expected","message","evidence","traffic":[{"probe","shares":[{"label","outcome","share"}],
   * "expected"}]}],"findings":[{"code","level","resource","message"}]}}.
   */
  public java.util.Map<String, Object> toJsonMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("lab", lab);
    m.put("passed", passed);
    m.put("score", score);
    m.put("maxScore", maxScore);
    List<Object> os = new java.util.ArrayList<>();
    for (ObjectiveResult o : objectives) {
      java.util.Map<String, Object> om = new java.util.LinkedHashMap<>();
      om.put("id", o.id());
      om.put("passed", o.passed());
      om.put("points", o.points());
      om.put("expected", o.expected());
      om.put("message", o.message());
      om.put("evidence", o.evidence());
      om.put("traffic", o.traffic().stream().map(ProbeTraffic::toJsonMap).toList());
      os.add(om);
    }
    m.put("objectives", os);
    List<Object> fs = new java.util.ArrayList<>();
    for (FindingResult f : findings) {
      java.util.Map<String, Object> fm = new java.util.LinkedHashMap<>();
      fm.put("code", f.code());
      fm.put("level", f.level());
      fm.put("resource", f.resource());
      fm.put("message", f.message());
      fs.add(fm);
    }
    m.put("findings", fs);
    return m;
  }

  /**
   * The CLI's JSON shape when some input could not be read: {@code {"lab","unreadable":true,
   * "findings":[...]}}, without a score, since nothing meaningful was graded.
   */
  public java.util.Map<String, Object> unreadableJsonMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("lab", lab);
    m.put("unreadable", true);
    m.put("findings", toJsonMap().get("findings"));
    return m;
  }

  /** Whether some input could not be read at all (size cap, unreadable YAML). */
  public boolean unreadableInput() {
    return findings.stream()
        .anyMatch(f -> f.code().equals("MDJ0001") || f.code().equals("MDJ0002"));
  }
}
