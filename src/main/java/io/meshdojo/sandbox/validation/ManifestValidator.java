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
   * Rules that compare a replacement with the stored object, such as fields that are immutable.
   *
   * @param old the object as stored
   */
  default List<Problem> validateUpdate(
      String group, String version, String kind, ObjectNode object, ObjectNode old) {
    return List.of();
  }

  /**
   * Removes the fields this validator reported as {@link Rejection#UNKNOWN_FIELD}: what the API
   * server does with them unless the request asks for strict validation.
   */
  default void dropUnknownFields(String group, String kind, ObjectNode object) {}

  /**
   * @param type what kind of rejection a real cluster would answer
   * @param path dotted path, e.g. {@code spec.http[0].rout}
   */
  record Problem(Rejection type, String path, String message) {

    public boolean unknownField() {
      return type == Rejection.UNKNOWN_FIELD;
    }
  }

  enum Rejection {
    /** A field the schema does not declare: kubectl's "strict decoding error". */
    UNKNOWN_FIELD,
    /**
     * A value a built-in kind's Go types cannot hold (a string for an int32): the API server fails
     * to decode the object (400) before any validation.
     */
    UNDECODABLE,
    /** A value the schema or the API server's validation rejects (422 Invalid). */
    INVALID_VALUE,
    /** A rule of an admission webhook, such as Istio's validation.istio.io. */
    DENIED
  }
}
