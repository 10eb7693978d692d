package io.meshdojo.sandbox.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a console line into words the way a shell would quote them (single quotes literal, double
 * quotes with {@code \"} and {@code \\}, a backslash escaping the next character), but with no
 * shell features: pipes, redirects, {@code ;}, {@code &}, backquotes and {@code $} expansions are
 * refused, because the line is parsed by the service, never handed to a shell.
 */
public final class CommandTokenizer {

  /** Characters that mean something to a shell and nothing to this console. */
  private static final String SHELL_FEATURES = "|;&<>`$";

  /** The outcome of splitting a line. */
  public sealed interface Tokens {}

  public record Words(List<String> words) implements Tokens {}

  /** A shell feature ({@code feature} as typed) the console does not offer. */
  public record ShellFeature(String feature) implements Tokens {}

  /** An opening quote without its closing one. */
  public record UnclosedQuote(char quote) implements Tokens {}

  private CommandTokenizer() {}

  public static Tokens split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int close = closingQuote(line, i);
        if (close < 0) {
          return new UnclosedQuote(c);
        }
        if (c == '"') {
          word.append(unescape(line.substring(i + 1, close)));
        } else {
          word.append(line, i + 1, close);
        }
        inWord = true;
        i = close + 1;
      } else if (c == '\\') {
        if (i + 1 < line.length()) {
          word.append(line.charAt(i + 1));
        }
        inWord = true;
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (SHELL_FEATURES.indexOf(c) >= 0) {
        return new ShellFeature(featureAt(line, i));
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return new Words(words);
  }

  private static int closingQuote(String line, int open) {
    char quote = line.charAt(open);
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  /** Inside double quotes only {@code \"} and {@code \\} are escapes, as in a POSIX shell. */
  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() && "\"\\".indexOf(quoted.charAt(i + 1)) >= 0) {
        out.append(quoted.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Names the feature as the learner typed it: {@code &&}, {@code $(}, {@code >>}… */
  private static String featureAt(String line, int i) {
    char c = line.charAt(i);
    char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
    if (c == '$' && (next == '(' || next == '{')) {
      return "" + c + next;
    }
    if ((c == '&' || c == '|' || c == '>' || c == '<') && next == c) {
      return "" + c + next;
    }
    return String.valueOf(c);
  }
}
