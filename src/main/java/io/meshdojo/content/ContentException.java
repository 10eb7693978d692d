package io.meshdojo.content;

import java.util.List;

/** A lesson or lab file that cannot be served; the message names every file and reason. */
public class ContentException extends RuntimeException {
  public ContentException(List<String> problems) {
    super(
        "Content has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
  }

  /** The first line of a parser's message: enough to locate the problem without its echo. */
  public static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
