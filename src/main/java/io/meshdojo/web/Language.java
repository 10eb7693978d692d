package io.meshdojo.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Mesh Dojo is written in. The path segment and the lesson folder use {@link #code}.
 */
public enum Language {
  EN("en", Locale.ENGLISH),
  ZH("zh", Locale.CHINESE);

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  public String code() {
    return code;
  }

  public Locale locale() {
    return locale;
  }

  public Language other() {
    return this == EN ? ZH : EN;
  }

  public static Optional<Language> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
  }

  /** The language for an API {@code lang} parameter: absent means English, unknown is a 400. */
  public static Language fromQuery(String code) {
    if (code == null || code.isBlank()) {
      return EN;
    }
    return fromCode(code)
        .orElseThrow(
            () ->
                new BadInputException(
                    "Unknown lang '" + code + "': use one of " + Arrays.toString(codes())));
  }

  static String[] codes() {
    return Arrays.stream(values()).map(Language::code).toArray(String[]::new);
  }
}
