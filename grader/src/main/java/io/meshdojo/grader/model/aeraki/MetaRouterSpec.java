package io.meshdojo.grader.model.aeraki;

import java.util.List;
import java.util.Map;

/** Spec of an Aeraki {@code MetaRouter} ({@code metaprotocol.aeraki.io/v1alpha1}). */
public record MetaRouterSpec(
    List<String> hosts,
    List<String> gateways,
    List<Route> routes,
    Map<String, Object> localRateLimit,
    Map<String, Object> globalRateLimit,
    List<String> exportTo) {

  /** An ordered route: first match wins. */
  public record Route(
      String name,
      Match match,
      List<WeightedDestination> route,
      Destination mirror,
      Map<String, Object> mirrorPercentage,
      List<Map<String, String>> requestMutation,
      List<Map<String, String>> responseMutation) {}

  /** One AND block of attribute matches; an empty string match means "present". */
  public record Match(Map<String, StringMatch> attributes) {}

  /** exact, prefix or regex. */
  public record StringMatch(String exact, String prefix, String regex) {}

  /** A destination with a relative weight. */
  public record WeightedDestination(Destination destination, Integer weight) {}

  /** Host, subset and port. */
  public record Destination(String host, String subset, Port port) {}

  /** Destination port. */
  public record Port(Integer number) {}
}
