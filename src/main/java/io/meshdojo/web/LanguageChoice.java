package io.meshdojo.web;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the language for a visitor who did not name one: the language they last chose (a cookie the
 * language-prefixed pages set), else the first supported one in {@code Accept-Language}.
 */
public final class LanguageChoice {

  public static final String COOKIE = "meshdojo-lang";

  private LanguageChoice() {}

  public static Language of(HttpHeaders headers) {
    var cookie = headers.getCookies().get(COOKIE);
    if (cookie != null) {
      Optional<Language> chosen = Language.fromCode(cookie.getValue());
      if (chosen.isPresent()) {
        return chosen.get();
      }
    }
    for (Locale locale : headers.getAcceptableLanguages()) {
      Optional<Language> accepted = Language.fromCode(locale.getLanguage());
      if (accepted.isPresent()) {
        return accepted.get();
      }
    }
    return Language.EN;
  }
}
