package io.meshdojo.sandbox.console;

/**
 * What one console command answers: its text (kubectl's output, or its error), the exit code
 * kubectl would have, whether the screen is to be cleared first, for {@code kubectl edit} the
 * object's YAML for the page's editor, and for {@code get -w} the watch that goes on printing (null
 * when not).
 */
public record ConsoleReply(
    String text, int exitCode, boolean clear, String editorText, ConsoleWatch.Follow follow) {

  public ConsoleReply(String text, int exitCode, boolean clear) {
    this(text, exitCode, clear, null, null);
  }

  public static ConsoleReply ok(String text) {
    return new ConsoleReply(text, 0, false);
  }

  public static ConsoleReply failed(String text) {
    return new ConsoleReply(text, 1, false);
  }
}
