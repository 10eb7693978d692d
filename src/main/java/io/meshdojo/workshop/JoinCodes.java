package io.meshdojo.workshop;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Join codes that are easy to read aloud and to type: six characters from an alphabet without the
 * look-alikes 0/O, 1/I/L and U/V, shown as {@code ABC-234}. What a learner types is forgiven its
 * case, spaces and hyphens.
 */
final class JoinCodes {

  static final String ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";
  static final int LENGTH = 6;

  private static final Pattern TYPED = Pattern.compile("[A-Za-z0-9 -]{1,20}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JoinCodes() {}

  static String next() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** The code as it is stored, from what a learner typed; empty if it cannot be one. */
  static Optional<String> normalize(String typed) {
    if (typed == null || !TYPED.matcher(typed).matches()) {
      return Optional.empty();
    }
    String code = typed.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    return code.length() == LENGTH && code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)
        ? Optional.of(code)
        : Optional.empty();
  }

  /** How the code is shown: two groups of three. */
  static String display(String code) {
    return code.substring(0, 3) + "-" + code.substring(3);
  }
}
