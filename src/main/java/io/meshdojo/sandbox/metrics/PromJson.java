package io.meshdojo.sandbox.metrics;

import java.math.BigDecimal;

/**
 * Numbers as Prometheus' JSON writes them: shortest form, {@code NaN}, {@code +Inf}, {@code -Inf}.
 */
final class PromJson {

  private PromJson() {}

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A sample time: seconds with millisecond precision, as a JSON number. */
  static double seconds(long epochMs) {
    return epochMs / 1000.0;
  }
}
