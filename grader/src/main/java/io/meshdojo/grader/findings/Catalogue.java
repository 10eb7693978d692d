package io.meshdojo.grader.findings;

import io.meshdojo.grader.intake.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings catalogue ({@code io/meshdojo/grader/findings.yaml}): for each stable code its level
 * and message templates in English and Chinese. Templates name placeholders as {@code {name}}.
 */
public final class Catalogue {

  /** Resource path of the catalogue. */
  public static final String RESOURCE = "/io/meshdojo/grader/findings.yaml";

  private static final Pattern CODE = Pattern.compile("MDJ[0-9]{4}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  /** One catalogue entry. */
  public record Entry(String code, Level level, String title, String en, String zh) {

    /** Placeholder names used by the templates. */
    public Set<String> placeholders() {
      Set<String> names = new java.util.TreeSet<>();
      for (String t : List.of(en, zh)) {
        Matcher m = PLACEHOLDER.matcher(t);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      return names;
    }
  }

  private static volatile Catalogue instance;
  private final Map<String, Entry> entries;

  Catalogue(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** The catalogue shipped with the grader. */
  public static Catalogue get() {
    Catalogue c = instance;
    if (c == null) {
      c = parse(shipped(RESOURCE));
      instance = c;
    }
    return c;
  }

  /** A data file shipped with the grader's findings. */
  static String shipped(String resource) {
    try (InputStream in = Catalogue.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Catalogue parse(String text) {
    List<Object> docs;
    try {
      docs = SafeYaml.parseAll(text);
    } catch (SafeYaml.YamlRejected e) {
      throw new IllegalStateException("findings catalogue: " + e.getMessage(), e);
    }
    Map<String, Object> root = (Map<String, Object>) docs.get(0);
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) root.get("findings")).entrySet()) {
      if (!CODE.matcher(e.getKey()).matches()) {
        throw new IllegalStateException("findings catalogue: bad code " + e.getKey());
      }
      Map<String, Object> v = (Map<String, Object>) e.getValue();
      if (Boolean.TRUE.equals(v.get("retired"))) {
        continue; // kept in the file only so that the code is never reused
      }
      Map<String, Object> message = (Map<String, Object>) v.get("message");
      entries.put(
          e.getKey(),
          new Entry(
              e.getKey(),
              Level.valueOf(String.valueOf(v.get("level")).toUpperCase(java.util.Locale.ROOT)),
              String.valueOf(v.get("title")),
              String.valueOf(message.get("en")),
              String.valueOf(message.get("zh"))));
    }
    return new Catalogue(entries);
  }

  public Map<String, Entry> entries() {
    return entries;
  }

  public Entry entry(String code) {
    Entry e = entries.get(code);
    if (e == null) {
      throw new IllegalArgumentException("no finding " + code + " in the catalogue");
    }
    return e;
  }

  public Level level(Finding f) {
    return entry(f.code()).level();
  }

  /** The finding's message in {@code lang} ("en" or "zh"), placeholders filled in. */
  public String render(Finding f, String lang) {
    Entry e = entry(f.code());
    String template = "zh".equals(lang) ? e.zh() : e.en();
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = f.args().getOrDefault(m.group(1), "?");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
