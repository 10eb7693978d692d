package io.meshdojo.grader.api;

import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.intake.YamlPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grader's reading of YAML (and JSON), with its limits, for an editor that also wants to know
 * where each document and field is: the same size, depth and alias limits, the same refusal of
 * duplicate keys, the same scalar types as the grader's own intake.
 */
public final class Yaml {

  /** Largest accepted input, in bytes (UTF-8). */
  public static final int MAX_BYTES = SafeYaml.MAX_BYTES;

  private Yaml() {}

  /**
   * One document: its index among all documents (empty ones count), the line its content starts on,
   * its value (plain maps, lists and scalars; {@code null} for an empty document) and the 1-based
   * line of each field path ({@code spec.http[0].route}).
   */
  public record Document(int index, int line, Object value, Map<String, Integer> lines) {
    public Document {
      lines = Map.copyOf(lines);
    }
  }

  /** Why a text cannot be read; {@code line} is 1-based, 0 when unknown. */
  public static final class Unreadable extends Exception {
    private final String reason;
    private final int line;

    Unreadable(String reason, int line) {
      super(reason + (line > 0 ? " (line " + line + ")" : ""));
      this.reason = reason;
      this.line = line;
    }

    public String reason() {
      return reason;
    }

    public int line() {
      return line;
    }
  }

  /** Every document of {@code text}, empty ones included, in order. */
  public static List<Document> documents(String text) throws Unreadable {
    try {
      List<YamlPositions.DocumentLines> positions = YamlPositions.of(text);
      List<Object> values = SafeYaml.parseAll(text);
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        YamlPositions.DocumentLines where = positions.get(i);
        documents.add(new Document(i, where.start(), values.get(i), where.paths()));
      }
      return documents;
    } catch (SafeYaml.YamlRejected e) {
      throw new Unreadable(e.reason(), e.line());
    }
  }
}
