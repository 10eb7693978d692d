package io.meshdojo.web;

import java.util.List;

/**
 * One page of a list the API returns: {@code limit} items from {@code offset} on. Lists are
 * paginated even where they are short today, so that clients page from the start and a long list
 * never becomes one huge response.
 */
public record PageRequest(int limit, int offset) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** The query parameters as sent; absent ones take their defaults, bad ones are a 400. */
  public static PageRequest parse(String limit, String offset) {
    int l = number("limit", limit, DEFAULT_LIMIT);
    if (l < 1 || l > MAX_LIMIT) {
      throw new BadInputException("limit must be between 1 and " + MAX_LIMIT);
    }
    int o = number("offset", offset, 0);
    if (o < 0) {
      throw new BadInputException("offset must be 0 or more");
    }
    return new PageRequest(l, o);
  }

  /** This page of a list that is already in its order. */
  public <T> List<T> of(List<T> all) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }

  private static int number(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(name + " must be a whole number");
    }
  }
}
