package io.meshdojo.exam;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.content.Bilingual;
import java.util.List;
import java.util.Map;

/**
 * One task of the bank ({@code exams/tasks/<id>.yaml}) as written, placeholders and all: {@link
 * DrawnTask} puts the drawn parameters in. Setup and solution are manifest texts by path.
 */
public record ExamTask(
    String id,
    String domain,
    Bilingual title,
    Bilingual instructions,
    String docs,
    int targetMinutes,
    Map<String, List<JsonNode>> parameters,
    Map<String, String> setup,
    Map<String, String> solution,
    JsonNode objectives) {

  /** The sum of the objectives' points. */
  public int points() {
    int sum = 0;
    for (JsonNode o : objectives) {
      sum += o.path("points").asInt();
    }
    return sum;
  }
}
