package io.meshdojo.sandbox.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of the POSIX shell grammar the simulated pods understand, read by a real tokenizer into
 * a tree (nothing is ever handed to a shell of the server): words with quotes, {@code $VAR} and
 * {@code $(...)}, {@code ;}, newlines, {@code &&}, {@code ||}, pipes, {@code >} / {@code 2>} /
 * {@code 2>&1} redirections and {@code for NAME in WORDS; do ...; done}. Errors read as dash's.
 */
final class ShellSyntax {

  /** A syntax error, worded as dash words it. */
  static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super("Syntax error: " + message);
    }
  }

  /** Commands run one after the other. */
  record Sequence(List<AndOr> items) {}

  /** Pipelines joined by {@code &&} / {@code ||}; {@code ops.get(i)} joins pipe i and i+1. */
  record AndOr(List<Pipeline> pipelines, List<String> ops) {}

  record Pipeline(List<Command> commands) {}

  sealed interface Command permits Simple, ForLoop {}

  record Simple(List<Word> words, List<Redirect> redirects) implements Command {}

  record ForLoop(String variable, List<Word> items, Sequence body) implements Command {}

  /** {@code fd} 1 or 2; {@code target} a file name, or {@code &1} / {@code &2}. */
  record Redirect(int fd, boolean append, Word target) {}

  record Word(List<Part> parts) {
    /** The word's text when it is one plain unquoted literal (a keyword candidate). */
    String plain() {
      return parts.size() == 1 && parts.get(0) instanceof Literal l && !l.quoted()
          ? l.text()
          : null;
    }
  }

  sealed interface Part permits Literal, Variable, Substitution {}

  record Literal(String text, boolean quoted) implements Part {}

  record Variable(String name, boolean quoted) implements Part {}

  record Substitution(Sequence script, boolean quoted) implements Part {}

  private static final Set<String> OPERATORS = Set.of(";", "&&", "||", "|", "&");
  private static final int MAX_DEPTH = 20;

  private ShellSyntax() {}

  /** Parses a whole script. */
  static Sequence parse(String text) {
    return parse(text, 0);
  }

  private static Sequence parse(String text, int depth) {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError("nesting too deep");
    }
    Parser p = new Parser(new Lexer(text, depth).tokens());
    Sequence s = p.sequence(Set.of());
    if (!p.atEnd()) {
      throw new SyntaxError("\"" + p.peekText() + "\" unexpected");
    }
    return s;
  }

  /** A token: an operator ({@code op} set) or a word. */
  private record Token(String op, Word word) {}

  private static final class Lexer {
    private final String s;
    private final int depth;
    private int i;
    private final List<Token> tokens = new ArrayList<>();

    Lexer(String s, int depth) {
      this.s = s;
      this.depth = depth;
    }

    List<Token> tokens() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i += 2;
        } else if (c == '\n') {
          tokens.add(new Token(";", null));
          i++;
        } else if (c == '#') {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
          tokens.add(new Token(s.substring(i, i + 2), null));
          i += 2;
        } else if (c == ';' || c == '|' || c == '&') {
          tokens.add(new Token(String.valueOf(c), null));
          i++;
        } else if (c == '(' || c == ')') {
          throw new SyntaxError("\"" + c + "\" unexpected");
        } else if (redirectAhead()) {
          redirect();
        } else {
          tokens.add(new Token(null, word()));
        }
      }
      return tokens;
    }

    private boolean redirectAhead() {
      char c = s.charAt(i);
      return c == '>' || c == '<' || ((c == '1' || c == '2') && s.startsWith(">", i + 1));
    }

    private void redirect() {
      int fd = 1;
      if (s.charAt(i) == '<') {
        throw new SyntaxError("input redirection is not supported here");
      }
      if (s.charAt(i) != '>') {
        fd = s.charAt(i) - '0';
        i++;
      }
      i++;
      boolean append = i < s.length() && s.charAt(i) == '>';
      if (append) {
        i++;
      }
      String op = ">" + fd + (append ? "a" : "");
      if (i < s.length() && s.charAt(i) == '&') {
        i++;
        tokens.add(new Token(op, new Word(List.of(new Literal("&" + digits(), false)))));
        return;
      }
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
      if (i >= s.length() || "\n;|&<>".indexOf(s.charAt(i)) >= 0) {
        throw new SyntaxError(
            i >= s.length() ? "newline unexpected" : "\"" + s.charAt(i) + "\" unexpected");
      }
      tokens.add(new Token(op, word()));
    }

    private String digits() {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    private Word word() {
      List<Part> parts = new ArrayList<>();
      StringBuilder lit = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (" \t\r\n;|&()<>".indexOf(c) >= 0) {
          break;
        }
        if (c == '\\') {
          if (i + 1 < s.length()) {
            if (s.charAt(i + 1) != '\n') {
              flush(parts, lit, false);
              parts.add(new Literal(String.valueOf(s.charAt(i + 1)), true));
            }
            i += 2;
          } else {
            i++;
          }
        } else if (c == '\'') {
          int end = s.indexOf('\'', i + 1);
          if (end < 0) {
            throw new SyntaxError("Unterminated quoted string");
          }
          flush(parts, lit, false);
          parts.add(new Literal(s.substring(i + 1, end), true));
          i = end + 1;
        } else if (c == '"') {
          flush(parts, lit, false);
          i++;
          doubleQuoted(parts);
        } else if (c == '$' || c == '`') {
          flush(parts, lit, false);
          dollar(parts, false);
        } else {
          lit.append(c);
          i++;
        }
      }
      flush(parts, lit, false);
      return new Word(parts);
    }

    private void doubleQuoted(List<Part> parts) {
      StringBuilder lit = new StringBuilder();
      // An empty "" still makes a (quoted, empty) word.
      parts.add(new Literal("", true));
      while (true) {
        if (i >= s.length()) {
          throw new SyntaxError("Unterminated quoted string");
        }
        char c = s.charAt(i);
        if (c == '"') {
          i++;
          flush(parts, lit, true);
          return;
        }
        if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
          if (s.charAt(i + 1) != '\n') {
            lit.append(s.charAt(i + 1));
          }
          i += 2;
        } else if (c == '$' || c == '`') {
          flush(parts, lit, true);
          dollar(parts, true);
        } else {
          lit.append(c);
          i++;
        }
      }
    }

    private void dollar(List<Part> parts, boolean quoted) {
      if (s.charAt(i) == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0) {
          throw new SyntaxError("EOF in backquote substitution");
        }
        parts.add(new Substitution(parse(s.substring(i + 1, end), depth + 1), quoted));
        i = end + 1;
        return;
      }
      i++;
      if (i < s.length() && s.charAt(i) == '(') {
        int end = closingParen(i);
        parts.add(new Substitution(parse(s.substring(i + 1, end), depth + 1), quoted));
        i = end + 1;
      } else if (i < s.length() && s.charAt(i) == '{') {
        int end = s.indexOf('}', i);
        if (end < 0) {
          throw new SyntaxError("Missing '}'");
        }
        parts.add(new Variable(s.substring(i + 1, end), quoted));
        i = end + 1;
      } else if (i < s.length() && "?#$0123456789".indexOf(s.charAt(i)) >= 0) {
        parts.add(new Variable(String.valueOf(s.charAt(i)), quoted));
        i++;
      } else {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        parts.add(
            start == i ? new Literal("$", quoted) : new Variable(s.substring(start, i), quoted));
      }
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping quoted text. */
    private int closingParen(int open) {
      int level = 0;
      for (int j = open; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '\'') {
          int end = s.indexOf('\'', j + 1);
          if (end < 0) {
            break;
          }
          j = end;
        } else if (c == '\\') {
          j++;
        } else if (c == '(') {
          level++;
        } else if (c == ')' && --level == 0) {
          return j;
        }
      }
      throw new SyntaxError("end of file unexpected (expecting \")\")");
    }

    private static void flush(List<Part> parts, StringBuilder lit, boolean quoted) {
      if (!lit.isEmpty()) {
        parts.add(new Literal(lit.toString(), quoted));
        lit.setLength(0);
      }
    }
  }

  private static final class Parser {
    private final List<Token> tokens;
    private int pos;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    boolean atEnd() {
      return pos >= tokens.size();
    }

    String peekText() {
      Token t = tokens.get(pos);
      return t.op() != null ? t.op() : String.valueOf(t.word().plain());
    }

    private boolean atOp(String op) {
      return !atEnd() && op.equals(tokens.get(pos).op());
    }

    private boolean atKeyword(Set<String> keywords) {
      if (atEnd() || tokens.get(pos).word() == null) {
        return false;
      }
      String plain = tokens.get(pos).word().plain();
      return plain != null && keywords.contains(plain);
    }

    private void skipSeparators() {
      while (atOp(";")) {
        pos++;
      }
    }

    Sequence sequence(Set<String> stop) {
      List<AndOr> items = new ArrayList<>();
      skipSeparators();
      while (!atEnd() && !atKeyword(stop)) {
        items.add(andOr());
        if (atOp("&")) {
          throw new SyntaxError("background jobs (&) are not supported here");
        }
        if (!atEnd() && !atOp(";") && !atKeyword(stop)) {
          throw new SyntaxError("\"" + peekText() + "\" unexpected");
        }
        skipSeparators();
      }
      return new Sequence(items);
    }

    private AndOr andOr() {
      List<Pipeline> pipes = new ArrayList<>();
      List<String> ops = new ArrayList<>();
      pipes.add(pipeline());
      while (atOp("&&") || atOp("||")) {
        ops.add(tokens.get(pos++).op());
        skipSeparators();
        pipes.add(pipeline());
      }
      return new AndOr(pipes, ops);
    }

    private Pipeline pipeline() {
      List<Command> commands = new ArrayList<>();
      commands.add(command());
      while (atOp("|")) {
        pos++;
        skipSeparators();
        commands.add(command());
      }
      return new Pipeline(commands);
    }

    private Command command() {
      if (atKeyword(Set.of("for"))) {
        return forLoop();
      }
      if (atKeyword(Set.of("do", "done", "in"))) {
        throw new SyntaxError("\"" + peekText() + "\" unexpected");
      }
      List<Word> words = new ArrayList<>();
      List<Redirect> redirects = new ArrayList<>();
      while (!atEnd()) {
        Token t = tokens.get(pos);
        if (t.op() != null && OPERATORS.contains(t.op())) {
          break;
        }
        if (t.op() != null) {
          redirects.add(new Redirect(t.op().charAt(1) - '0', t.op().endsWith("a"), t.word()));
        } else {
          words.add(t.word());
        }
        pos++;
      }
      if (words.isEmpty() && redirects.isEmpty()) {
        throw new SyntaxError(
            atEnd() ? "end of file unexpected" : "\"" + peekText() + "\" unexpected");
      }
      return new Simple(words, redirects);
    }

    private ForLoop forLoop() {
      pos++;
      if (atEnd() || tokens.get(pos).word() == null || tokens.get(pos).word().plain() == null) {
        throw new SyntaxError("Bad for loop variable");
      }
      String variable = tokens.get(pos++).word().plain();
      if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new SyntaxError("Bad for loop variable");
      }
      List<Word> items = new ArrayList<>();
      if (atKeyword(Set.of("in"))) {
        pos++;
        while (!atEnd() && tokens.get(pos).word() != null) {
          items.add(tokens.get(pos++).word());
        }
      }
      skipSeparators();
      if (!atKeyword(Set.of("do"))) {
        throw new SyntaxError(
            atEnd()
                ? "end of file unexpected (expecting \"do\")"
                : "\"" + peekText() + "\" unexpected (expecting \"do\")");
      }
      pos++;
      Sequence body = sequence(Set.of("done"));
      if (!atKeyword(Set.of("done"))) {
        throw new SyntaxError("end of file unexpected (expecting \"done\")");
      }
      pos++;
      return new ForLoop(variable, items, body);
    }
  }
}
