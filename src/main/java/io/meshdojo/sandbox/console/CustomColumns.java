package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -o custom-columns=NAME:.metadata.name,HOSTS:.spec.hosts[*]}: one column per {@code
 * HEADER:path}, each cell the path's values joined by commas, {@code <none>} when it has none.
 */
final class CustomColumns {

  private CustomColumns() {}

  static String format(String spec, List<ObjectNode> objects) {
    List<String> headers = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String column : spec.split(",")) {
      int colon = column.indexOf(':');
      if (colon <= 0 || colon == column.length() - 1) {
        throw new KubectlJsonPath.Invalid(
            "error: custom-columns format specified but no custom columns given");
      }
      headers.add(column.substring(0, colon));
      String path = column.substring(colon + 1).trim();
      // kubectl takes the path with or without its braces and leading dot.
      path =
          path.startsWith("{") && path.endsWith("}") ? path.substring(1, path.length() - 1) : path;
      paths.add(path.startsWith(".") || path.startsWith("[") ? path : "." + path);
    }
    List<List<String>> rows = new ArrayList<>();
    for (ObjectNode o : objects) {
      List<String> cells = new ArrayList<>();
      for (String path : paths) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : KubectlJsonPath.select(path, o, o)) {
          values.add(v.isValueNode() ? v.asText() : v.toString());
        }
        cells.add(values.isEmpty() ? "<none>" : String.join(",", values));
      }
      rows.add(cells);
    }
    return TableText.format(headers, rows);
  }
}
