package io.meshdojo.grader.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** RE2 regular expressions (Envoy's safe_regex), always matched against the whole value. */
public final class Re2 {

  private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Re2() {}

  /** Why {@code regex} is not valid RE2, or empty when it is. */
  public static Optional<String> problem(String regex) {
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription() == null ? "invalid" : e.getDescription());
    }
  }

  /** Full match, as Envoy does: {@code "v1"} does not match {@code "v10"}. */
  public static boolean fullMatch(String regex, String value) {
    Pattern p = CACHE.computeIfAbsent(regex, Pattern::compile);
    return p.matches(value);
  }
}
