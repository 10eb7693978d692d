package io.meshdojo.grader.model.aeraki;

import java.util.List;
import java.util.Map;

/** Spec of an Aeraki {@code DubboAuthorizationPolicy} ({@code dubbo.aeraki.io/v1alpha1}). */
public record DubboAuthorizationPolicySpec(String action, List<Map<String, Object>> rules) {}
