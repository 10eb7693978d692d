package io.meshdojo.traffic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ProbeScript} printed: how many requests got each (status, pod) answer. Lines that
 * are not the script's (kubectl's own messages) are ignored.
 *
 * @param counts requests per answer, in the order first seen
 * @param noClient the source container has neither curl nor Python
 */
public record ProbeOutput(Map<Answer, Integer> counts, boolean noClient) {

  /**
   * One kind of answer: the HTTP status (0 when no response came) and the pod that answered, when
   * the response body named it.
   */
  public record Answer(int status, Optional<String> pod) {}

  public ProbeOutput {
    counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public static ProbeOutput parse(String output) {
    Map<Answer, Integer> counts = new LinkedHashMap<>();
    boolean noClient = false;
    for (String line : output.split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 1 && parts[0].equals(ProbeScript.NO_CLIENT)) {
        noClient = true;
      } else if (parts.length == 3 && parts[0].equals(ProbeScript.LINE)) {
        Integer status = status(parts[1]);
        if (status != null) {
          Optional<String> pod = parts[2].equals("-") ? Optional.empty() : Optional.of(parts[2]);
          counts.merge(new Answer(status, pod), 1, Integer::sum);
        }
      }
    }
    return new ProbeOutput(counts, noClient);
  }

  private static Integer status(String text) {
    if (!text.matches("[0-9]{1,3}")) {
      return null;
    }
    return Integer.parseInt(text);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
