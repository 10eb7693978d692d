package io.meshdojo.content;

import io.meshdojo.web.Language;

/** A text written in both languages. */
public record Bilingual(String en, String zh) {

  public String in(Language language) {
    return language == Language.ZH ? zh : en;
  }
}
