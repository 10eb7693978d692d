package io.meshdojo.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The passwords attackers try first: the 10,000 most common ones (packaged, see {@code
 * passwords/README.md}), also when only digits and symbols were added around one of them, as in
 * {@code monkey2024!}.
 */
final class CommonPasswords {

  private static final String LIST = "/passwords/common-passwords.txt";
  private static final Pattern PADDING = Pattern.compile("^[^\\p{L}]*(.*?)[^\\p{L}]*$");
  private static final Set<String> COMMON = load();

  private CommonPasswords() {}

  static boolean isCommon(String password) {
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      return true;
    }
    var core = PADDING.matcher(lower);
    return core.matches() && !core.group(1).isEmpty() && COMMON.contains(core.group(1));
  }

  private static Set<String> load() {
    try (InputStream in = CommonPasswords.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is missing from the build");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank())
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
