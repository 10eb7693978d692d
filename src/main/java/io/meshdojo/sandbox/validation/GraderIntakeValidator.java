package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.grader.api.Admission;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * What Istio's webhook (and Slime's controller) would refuse, decided by the grader's {@link
 * Admission}, so a sandbox and the grader never disagree about what is valid: weights totalling
 * zero, a route with a redirect, bad durations, non-RE2 regexes, a SmartLimiter descriptor without
 * condition... Unknown fields and wrong types are {@link ModelSchemaValidator}'s, with kubectl's
 * wording.
 */
@ApplicationScoped
public class GraderIntakeValidator implements ManifestValidator {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public List<Problem> validate(String group, String version, String kind, ObjectNode object) {
    return Admission.refusals(json.convertValue(object, MAP)).stream()
        .map(r -> new Problem(Rejection.DENIED, "spec", "[" + r.code() + "] " + r.message()))
        .toList();
  }
}
