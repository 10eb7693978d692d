package io.meshdojo.grader.model.aeraki;

/**
 * Spec of an Aeraki {@code ApplicationProtocol} (cluster-scoped): a protocol name and its codec.
 */
public record ApplicationProtocolSpec(String protocol, String codec) {}
