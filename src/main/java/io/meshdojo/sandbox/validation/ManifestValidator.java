package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Checks an object before a sandbox stores it, as the real API server's schema and admission would.
 * The grader's intake can be plugged in behind this interface later; several validators may run,
 * and every problem they report is answered to the learner.
 */
public interface ManifestValidator {

  /**
   * @param group API group of the object ('' for core)
   * @param version the version the object was sent in
   * @param kind its kind
   * @param object the whole object as sent
   * @return problems, empty when the object is acceptable
   */
  List<Problem> validate(String group, String version, String kind, ObjectNode object);

  /**
   * @param unknownField true for a field the schema does not declare (kubectl's "strict decoding
   *     error"), false for a value the schema or a webhook rule rejects
   * @param path dotted path, e.g. {@code spec.http[0].rout}
   */
  record Problem(boolean unknownField, String path, String message) {}
}
