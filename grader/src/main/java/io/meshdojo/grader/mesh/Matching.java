package io.meshdojo.grader.mesh;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.meshdojo.grader.model.Re2;
import java.util.Locale;
import java.util.Map;

/** Envoy's request matching as Istio programs it from HTTPMatchRequest. */
public final class Matching {

  private Matching() {}

  /**
   * Whether a string match accepts a value. {@code null} value means absent. An empty StringMatch
   * ({@code {}}) means "present". Regex is RE2 and must match the whole value.
   */
  public static boolean matches(StringMatch sm, String value, boolean ignoreCase) {
    if (sm == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    Object t = sm.getMatchType();
    if (t instanceof StringMatchExact e) {
      String exact = e.getExact() == null ? "" : e.getExact();
      return ignoreCase ? exact.equalsIgnoreCase(value) : exact.equals(value);
    }
    if (t instanceof StringMatchPrefix p) {
      String prefix = p.getPrefix() == null ? "" : p.getPrefix();
      return ignoreCase
          ? value.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
          : value.startsWith(prefix);
    }
    if (t instanceof StringMatchRegex r) {
      return Re2.fullMatch(r.getRegex() == null ? "" : r.getRegex(), value);
    }
    return true;
  }

  /** Whether a match block's request-time fields all accept the request. */
  public static boolean matches(HTTPMatchRequest m, Request req, int port) {
    boolean icase = Boolean.TRUE.equals(m.getIgnoreUriCase());
    if (m.getUri() != null && !matches(m.getUri(), req.uri(), icase)) {
      return false;
    }
    if (m.getMethod() != null && !matches(m.getMethod(), req.method(), false)) {
      return false;
    }
    if (m.getAuthority() != null && !matches(m.getAuthority(), req.host(), false)) {
      return false;
    }
    if (m.getScheme() != null && !matches(m.getScheme(), "http", false)) {
      return false;
    }
    if (m.getPort() != null && m.getPort() != port) {
      return false;
    }
    if (m.getHeaders() != null) {
      for (Map.Entry<String, StringMatch> h : m.getHeaders().entrySet()) {
        if (!matches(h.getValue(), req.headers().get(h.getKey().toLowerCase(Locale.ROOT)), false)) {
          return false;
        }
      }
    }
    if (m.getWithoutHeaders() != null) {
      for (Map.Entry<String, StringMatch> h : m.getWithoutHeaders().entrySet()) {
        if (matches(h.getValue(), req.headers().get(h.getKey().toLowerCase(Locale.ROOT)), false)) {
          return false;
        }
      }
    }
    if (m.getQueryParams() != null) {
      Map<String, String> q = req.query();
      for (Map.Entry<String, StringMatch> e : m.getQueryParams().entrySet()) {
        if (!matches(e.getValue(), q.get(e.getKey()), false)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether a match block's config-time fields (sourceLabels, sourceNamespace) admit a client. */
  public static boolean admitsClient(HTTPMatchRequest m, Workload client) {
    if (m.getSourceLabels() != null && !client.matches(m.getSourceLabels())) {
      return false;
    }
    return m.getSourceNamespace() == null || m.getSourceNamespace().equals(client.namespace());
  }

  /** Authorization-policy string values: exact, "pre*", "*suf" or "*". */
  public static boolean policyValue(String pattern, String value) {
    if (value == null) {
      return false;
    }
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith("*")) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.startsWith("*")) {
      return value.endsWith(pattern.substring(1));
    }
    return pattern.equals(value);
  }
}
