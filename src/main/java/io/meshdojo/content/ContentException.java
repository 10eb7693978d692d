package io.meshdojo.content;

import java.util.List;

/** A lesson or lab file that cannot be served; the message names every file and reason. */
public class ContentException extends RuntimeException {
  public ContentException(List<String> problems) {
    super(
        "Content has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
  }
}
