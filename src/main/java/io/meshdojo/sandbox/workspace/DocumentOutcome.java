package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What happened to one document of an apply or delete.
 *
 * @param index 0-based position of the document in the text
 * @param line 1-based line where the document starts
 * @param object the object the document names (may be partly empty when the document is broken)
 * @param action {@code created}, {@code configured}, {@code unchanged} or {@code deleted}; null
 *     when the document failed
 * @param error the server's refusal, in kubectl's wording; null on success
 * @param errorLine 1-based line of the field the error names, else the document's first line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentOutcome(
    int index,
    int line,
    ObjectRef object,
    String action,
    String error,
    Integer errorLine,
    List<String> warnings) {

  static DocumentOutcome done(int index, int line, ObjectRef object, String action) {
    return new DocumentOutcome(index, line, object, action, null, null, List.of());
  }

  static DocumentOutcome failed(int index, int line, ObjectRef object, String error, int at) {
    return new DocumentOutcome(index, line, object, null, error, at, List.of());
  }

  DocumentOutcome withWarnings(List<String> more) {
    return new DocumentOutcome(index, line, object, action, error, errorLine, List.copyOf(more));
  }

  /** The line kubectl would print for this document. */
  @JsonProperty
  public String kubectlLine() {
    return error == null ? object.kubectlName() + " " + action : "error: " + error;
  }
}
