package io.meshdojo.grader.model;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Istio's CRDs accept them (Kubernetes CEL {@code duration()}, Go syntax): a sequence
 * of decimal numbers with units h, m, s, ms, us/µs, ns, e.g. {@code 7s}, {@code 1.5s}, {@code
 * 1m30s}, {@code 500ms}.
 */
public final class Durations {

  private static final Pattern WHOLE =
      Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(h|ms|m|s|us|µs|ns)");
  private static final Pattern FULL =
      Pattern.compile("(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(h|ms|m|s|us|µs|ns))+");

  private Durations() {}

  /** The duration in milliseconds (rounded down), or empty when the text is not a duration. */
  public static OptionalLong millis(String text) {
    if (text == null || !FULL.matcher(text).matches()) {
      return OptionalLong.empty();
    }
    double total = 0;
    Matcher m = WHOLE.matcher(text);
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      total +=
          switch (m.group(3)) {
            case "h" -> n * 3_600_000;
            case "m" -> n * 60_000;
            case "s" -> n * 1000;
            case "ms" -> n;
            case "us", "µs" -> n / 1000;
            default -> n / 1_000_000;
          };
    }
    return OptionalLong.of((long) Math.floor(total + 1e-9));
  }
}
