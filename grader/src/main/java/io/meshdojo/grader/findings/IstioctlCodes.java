package io.meshdojo.grader.findings;

import io.meshdojo.grader.intake.SafeYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code istioctl analyze} words the findings istioctl itself reports ({@code
 * io/meshdojo/grader/istioctl-codes.yaml}): Istio's {@code ISTxxxx} code, istioctl's level and its
 * message, chosen by the finding's resource kind and the Istio version.
 */
public final class IstioctlCodes {

  public static final String RESOURCE = "/io/meshdojo/grader/istioctl-codes.yaml";

  private static final Pattern IST = Pattern.compile("IST[0-9]{4}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final List<String> LEVELS = List.of("Error", "Warning", "Info");

  /** One way istioctl reports a finding. */
  public record Mapping(
      String code, String level, List<String> kinds, Integer sinceMinor, String message) {

    boolean fits(String kind, int istioMinor) {
      return (kinds.isEmpty() || kinds.contains(kind))
          && (sinceMinor == null || istioMinor >= sinceMinor);
    }
  }

  /** A finding as istioctl prints it. */
  public record Reported(String code, String level, String message) {}

  private static volatile IstioctlCodes instance;
  private final Map<String, List<Mapping>> codes;

  IstioctlCodes(Map<String, List<Mapping>> codes) {
    this.codes = Map.copyOf(codes);
  }

  public static IstioctlCodes get() {
    IstioctlCodes c = instance;
    if (c == null) {
      c = parse(Catalogue.shipped(RESOURCE));
      instance = c;
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  static IstioctlCodes parse(String text) {
    Map<String, Object> root;
    try {
      root = (Map<String, Object>) SafeYaml.parseAll(text).get(0);
    } catch (SafeYaml.YamlRejected e) {
      throw new IllegalStateException("istioctl codes: " + e.getMessage(), e);
    }
    Map<String, List<Mapping>> codes = new LinkedHashMap<>();
    for (var e : ((Map<String, Object>) root.get("codes")).entrySet()) {
      List<Mapping> alternatives = new ArrayList<>();
      for (Object o : (List<Object>) e.getValue()) {
        Map<String, Object> m = (Map<String, Object>) o;
        String code = String.valueOf(m.get("code"));
        String level = String.valueOf(m.get("level"));
        if (!IST.matcher(code).matches() || !LEVELS.contains(level)) {
          throw new IllegalStateException("istioctl codes: bad entry for " + e.getKey());
        }
        Object since = m.get("sinceMinor");
        alternatives.add(
            new Mapping(
                code,
                level,
                m.get("kinds") == null ? List.of() : List.copyOf((List<String>) m.get("kinds")),
                since == null ? null : ((Number) since).intValue(),
                String.valueOf(m.get("message"))));
      }
      codes.put(e.getKey(), List.copyOf(alternatives));
    }
    return new IstioctlCodes(codes);
  }

  public Map<String, List<Mapping>> codes() {
    return codes;
  }

  /**
   * How istioctl of {@code istioctl minor} reports {@code f} about {@code kind namespace/name};
   * empty when istioctl has no analyzer for it.
   */
  public Optional<Reported> report(
      Finding f, String kind, String namespace, String name, int istioMinor) {
    return codes.getOrDefault(f.code(), List.of()).stream()
        .filter(m -> m.fits(kind, istioMinor))
        .findFirst()
        .map(
            m -> {
              Map<String, String> values = new HashMap<>(f.args());
              values.put("finding", Catalogue.get().render(f, "en"));
              values.put("resourceName", name);
              values.put("resourceNamespace", namespace);
              return new Reported(m.code(), m.level(), fill(m.message(), values));
            });
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "?")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
