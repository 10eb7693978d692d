package io.meshdojo.grader.api;

import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Level;
import io.meshdojo.grader.intake.ResourceIntake;
import java.util.List;
import java.util.Map;

/**
 * What Istio's webhook (or the API server, or Slime's controller) refuses of one object, decided by
 * the grader's intake: the one rule book that a sandbox's admission and the grader share.
 */
public final class Admission {

  /** The catalogue's range for what the API server or a validating webhook rejects. */
  private static final String WEBHOOK_CODES = "MDJ01";

  private Admission() {}

  /** One refusal: its catalogue code and the catalogue's English message. */
  public record Refusal(String code, String message) {}

  /** Why the webhook would refuse {@code object} (a plain map of one manifest); empty when not. */
  public static List<Refusal> refusals(Map<String, Object> object) {
    Catalogue catalogue = Catalogue.get();
    return ResourceIntake.readObjects("request", List.of(object)).findings().stream()
        .filter(f -> f.code().startsWith(WEBHOOK_CODES))
        .filter(f -> catalogue.level(f) == Level.ERROR)
        .map(f -> new Refusal(f.code(), catalogue.render(f, "en")))
        .toList();
  }
}
