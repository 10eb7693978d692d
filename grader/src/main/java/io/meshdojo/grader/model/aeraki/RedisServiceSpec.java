package io.meshdojo.grader.model.aeraki;

import java.util.List;
import java.util.Map;

/** Spec of an Aeraki {@code RedisService} ({@code redis.aeraki.io/v1alpha1}). */
public record RedisServiceSpec(
    List<String> host, List<Map<String, Object>> redis, List<Map<String, Object>> faults) {}
