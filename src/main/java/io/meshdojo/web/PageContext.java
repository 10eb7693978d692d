package io.meshdojo.web;

/**
 * What the shared layout needs on every page: the language, the same page in the other language,
 * who is signed in (null for a visitor), and which section of the site is open.
 */
public record PageContext(
    Language lang,
    String otherLanguageHref,
    String username,
    boolean signupEnabled,
    String section,
    String title) {

  public String htmlLang() {
    return lang == Language.ZH ? "zh-Hans" : "en";
  }

  public boolean signedIn() {
    return username != null;
  }

  /** A site path in this page's language, e.g. {@code href("lessons")} is {@code /zh/lessons}. */
  public String href(String path) {
    return "/" + lang.code() + "/" + path;
  }
}
