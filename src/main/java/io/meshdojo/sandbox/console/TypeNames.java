package io.meshdojo.sandbox.console;

import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.ResourceType;
import java.util.List;
import java.util.Locale;

/**
 * Finds the kinds a word names, as kubectl does: plural, singular, short name or kind, optionally
 * qualified by group ({@code virtualservices.networking.istio.io}), or a category ({@code all},
 * {@code istio-io}) naming several.
 */
public final class TypeNames {

  private TypeNames() {}

  /** The kinds {@code word} names, empty when none. */
  public static List<ResourceType> resolve(String word) {
    String name = word.toLowerCase(Locale.ROOT);
    List<ResourceType> direct =
        ApiCatalog.TYPES.stream().filter(t -> names(t, name)).limit(1).toList();
    if (!direct.isEmpty()) {
      return direct;
    }
    return ApiCatalog.TYPES.stream().filter(t -> t.categories().contains(name)).toList();
  }

  private static boolean names(ResourceType t, String name) {
    String bare = name;
    if (!t.group().isEmpty() && name.endsWith("." + t.group())) {
      bare = name.substring(0, name.length() - t.group().length() - 1);
    }
    return bare.equals(t.resource())
        || bare.equals(t.singular())
        || bare.equals(t.kind().toLowerCase(Locale.ROOT))
        || (bare.equals(name) && t.shortNames().contains(name));
  }

  /** How kubectl names a kind in its messages: {@code pod}, {@code deployment.apps}. */
  public static String kindName(ResourceType t) {
    return t.group().isEmpty() ? t.singular() : t.singular() + "." + t.group();
  }

  /** How kubectl names one object in {@code -o name}: {@code deployment.apps/x}. */
  public static String objectName(ResourceType t, String name) {
    return kindName(t) + "/" + name;
  }
}
