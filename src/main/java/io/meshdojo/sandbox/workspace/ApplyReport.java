package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The outcome of applying or deleting every document of a YAML text, in document order. */
public record ApplyReport(List<DocumentOutcome> documents) {

  /** Every document went through. */
  @JsonProperty
  public boolean ok() {
    return documents.stream().allMatch(d -> d.error() == null);
  }
}
