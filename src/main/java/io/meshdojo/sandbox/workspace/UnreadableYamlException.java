package io.meshdojo.sandbox.workspace;

import io.meshdojo.web.BadInputException;

/** The editor's text is not YAML; answered with 400, the problem and its line. */
public class UnreadableYamlException extends BadInputException {

  private final int line;

  public UnreadableYamlException(String problem, int line) {
    super(line > 0 ? "line " + line + ": " + problem : problem);
    this.line = line;
  }

  /** 1-based, 0 when unknown. */
  public int line() {
    return line;
  }
}
