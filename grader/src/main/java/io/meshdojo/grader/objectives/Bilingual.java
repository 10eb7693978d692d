package io.meshdojo.grader.objectives;

/** A text in English and Simplified Chinese. */
public record Bilingual(String en, String zh) {

  public String in(String lang) {
    return "zh".equals(lang) ? zh : en;
  }
}
