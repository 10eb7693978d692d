package io.meshdojo.grader.model.aeraki;

import java.util.Map;

/** Spec of an Aeraki {@code RedisDestination} ({@code redis.aeraki.io/v1alpha1}). */
public record RedisDestinationSpec(String host, Map<String, Object> trafficPolicy) {}
