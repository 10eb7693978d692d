package io.meshdojo.sandbox.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Aligned columns as kubectl prints them: upper-case headers, three spaces between columns. */
public final class TableText {

  private static final String GAP = "   ";

  private TableText() {}

  /** {@code headers} as given (kubectl's column names, upper-cased here); no trailing spaces. */
  public static String format(List<String> headers, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
    all.addAll(rows);
    int[] widths = new int[headers.size()];
    for (List<String> row : all) {
      for (int c = 0; c < widths.length && c < row.size(); c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        line.append(cell);
        if (c < widths.length - 1) {
          line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
