package io.meshdojo.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The page a visitor returns to after signing in or up, carried as {@code ?next=}. Only a path of
 * this site is accepted: anything that could name another site (a scheme, {@code //host}, a
 * backslash, control characters) is dropped, so the parameter cannot become an open redirect.
 */
public final class ReturnPath {

  static final int MAX_LENGTH = 2048;

  private ReturnPath() {}

  /** The candidate if it is a safe local path other than the sign-in and sign-up pages. */
  public static Optional<String> of(String candidate) {
    if (candidate == null
        || candidate.isEmpty()
        || candidate.length() > MAX_LENGTH
        || candidate.charAt(0) != '/'
        || candidate.startsWith("//")
        || candidate.indexOf('\\') >= 0
        || candidate.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(candidate);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
      return Optional.empty();
    }
    // Returning to the account pages would only show the form again.
    if (uri.getRawPath().matches("(/(en|zh))?/(login|signup)/?|/j_security_check|/logout")) {
      return Optional.empty();
    }
    return Optional.of(candidate);
  }

  /** {@code ?next=...} for a link to the sign-in or sign-up page, or "" without a return path. */
  public static String query(String path) {
    return path == null ? "" : "?" + parameter(path);
  }

  /** {@code next=...}, the return path as a query parameter. */
  public static String parameter(String path) {
    return "next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }
}
