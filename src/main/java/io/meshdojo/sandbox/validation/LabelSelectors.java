package io.meshdojo.sandbox.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Whether a {@code metav1.LabelSelector} (matchLabels and matchExpressions) selects labels. */
public final class LabelSelectors {

  private LabelSelectors() {}

  public static boolean matches(JsonNode selector, JsonNode labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
        return false;
      }
    }
    for (JsonNode requirement : selector.path("matchExpressions")) {
      JsonNode value = labels.path(requirement.path("key").asText());
      boolean listed = false;
      for (JsonNode v : requirement.path("values")) {
        listed |= value.isTextual() && value.asText().equals(v.asText());
      }
      boolean met =
          switch (requirement.path("operator").asText()) {
            case "In" -> listed;
            case "NotIn" -> !listed;
            case "Exists" -> !value.isMissingNode();
            case "DoesNotExist" -> value.isMissingNode();
            default -> false;
          };
      if (!met) {
        return false;
      }
    }
    return true;
  }
}
