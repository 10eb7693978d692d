package io.meshdojo.sandbox.console;

/**
 * A console line split at its first pipe, as a shell would read it (quotes and backslashes hide a
 * {@code |}): the kubectl or istioctl command, and the text filters its output goes through (see
 * {@link io.meshdojo.sandbox.dataplane.TextFilter}), or null when the line has no pipe.
 */
record ConsolePipe(String command, String filters) {

  static ConsolePipe split(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (quote == '"' && c == '\\') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == '|') {
        boolean double_ = i + 1 < line.length() && line.charAt(i + 1) == '|';
        if (double_) {
          // `||` is a shell's control operator, not a pipe: the tokenizer refuses it.
          return new ConsolePipe(line, null);
        }
        return new ConsolePipe(line.substring(0, i).strip(), line.substring(i + 1).strip());
      }
    }
    return new ConsolePipe(line, null);
  }
}
