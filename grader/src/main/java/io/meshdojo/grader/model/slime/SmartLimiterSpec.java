package io.meshdojo.grader.model.slime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Spec of a Slime {@code SmartLimiter} ({@code microservice.slime.io/v1alpha2}), as in Slime 0.9's
 * limiter/api/v1alpha2/smart_limiter.proto. Field names keep the proto's snake_case.
 */
public record SmartLimiterSpec(
    Map<String, DescriptorSet> sets,
    @JsonProperty("workloadSelector") Map<String, String> workloadSelector,
    Boolean gateway,
    String host,
    Target target,
    String rls,
    String domain) {

  /** A set: {@code _base} (the whole service) or a DestinationRule subset name. */
  public record DescriptorSet(List<Descriptor> descriptor) {}

  /** One limit. */
  public record Descriptor(
      Action action,
      String condition,
      List<Match> match,
      Target target,
      @JsonProperty("custom_key") String customKey,
      @JsonProperty("custom_value") String customValue) {}

  /** What the limit does. */
  public record Action(
      String quota,
      @JsonProperty("fill_interval") FillInterval fillInterval,
      String strategy,
      @JsonProperty("headers_to_add") List<Map<String, String>> headersToAdd) {}

  /** The token bucket's refill period. */
  public record FillInterval(Long seconds, Long nanos) {

    /** The period in milliseconds (0 when unset). */
    public long millis() {
      return (seconds == null ? 0 : seconds * 1000) + (nanos == null ? 0 : nanos / 1_000_000);
    }
  }

  /** Request match of a descriptor. */
  public record Match(
      String name,
      @JsonProperty("exact_match") String exactMatch,
      @JsonProperty("prefix_match") String prefixMatch,
      @JsonProperty("suffix_match") String suffixMatch,
      @JsonProperty("regex_match") String regexMatch,
      @JsonProperty("present_match") Boolean presentMatch,
      @JsonProperty("invert_match") Boolean invertMatch,
      @JsonProperty("is_exact_match_empty") Boolean isExactMatchEmpty,
      @JsonProperty("match_source") String matchSource) {}

  /** Where the limit applies. */
  public record Target(String direction, Integer port, List<String> route, List<String> host) {}
}
