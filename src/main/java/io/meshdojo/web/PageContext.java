package io.meshdojo.web;

/**
 * What the shared layout needs on every page: the language, the same page in the other language,
 * who is signed in (null for a visitor), which section of the site is open, the page's own title,
 * and the local path a sign-in started here comes back to (null: the default landing page).
 */
public record PageContext(
    Language lang,
    String otherLanguageHref,
    String username,
    boolean signupEnabled,
    String section,
    String title,
    String returnTo) {

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

  /** The sign-in page, asked to come back here afterwards. */
  public String signInHref() {
    return href("login") + ReturnPath.query(returnTo);
  }

  /** The sign-up page, asked to come back here once the new learner is signed in. */
  public String signUpHref() {
    return href("signup") + ReturnPath.query(returnTo);
  }
}
