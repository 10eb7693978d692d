package io.meshdojo.sandbox.console;

/**
 * What one console command answers: its text (kubectl's output, or its error), the exit code
 * kubectl would have, and whether the screen is to be cleared first.
 */
public record ConsoleReply(String text, int exitCode, boolean clear) {

  public static ConsoleReply ok(String text) {
    return new ConsoleReply(text, 0, false);
  }

  public static ConsoleReply failed(String text) {
    return new ConsoleReply(text, 1, false);
  }
}
