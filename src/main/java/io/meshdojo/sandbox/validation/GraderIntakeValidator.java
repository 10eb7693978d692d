package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.findings.Level;
import io.meshdojo.grader.intake.ResourceIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * What Istio's webhook (and Slime's controller) would refuse, decided by the grader's own intake,
 * so a sandbox and the grader never disagree about what is valid: weights totalling zero, a route
 * with a redirect, bad durations, non-RE2 regexes, a SmartLimiter descriptor without condition...
 * Unknown fields and wrong types are {@link ModelSchemaValidator}'s, with kubectl's wording.
 */
@ApplicationScoped
public class GraderIntakeValidator implements ManifestValidator {

  /** The intake's codes for what the API server or a validating webhook rejects. */
  private static final String WEBHOOK_CODES = "MDJ01";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    Map<String, Object> plain = json.convertValue(object, MAP);
    ResourceIntake.Result read = ResourceIntake.readObjects("request", List.of(plain));
    Catalogue catalogue = Catalogue.get();
    return read.findings().stream()
        .filter(f -> f.code().startsWith(WEBHOOK_CODES))
        .filter(f -> catalogue.level(f) == Level.ERROR)
        .map(f -> problem(catalogue, f))
        .toList();
  }

  private static Problem problem(Catalogue catalogue, Finding finding) {
    return new Problem(
        Rejection.DENIED, "spec", "[" + finding.code() + "] " + catalogue.render(finding, "en"));
  }
}
