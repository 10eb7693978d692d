package io.meshdojo.grader.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Typed form of a resource the fabric8 models do not cover (Slime, Aeraki): metadata plus a spec
 * record from {@code io.meshdojo.grader.model.slime} or {@code io.meshdojo.grader.model.aeraki}.
 */
public record CustomResource<S>(ObjectMeta metadata, S spec) {}
