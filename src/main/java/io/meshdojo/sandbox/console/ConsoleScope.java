package io.meshdojo.sandbox.console;

import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.ResourceType;

/**
 * Where a command runs: the sandbox (an embedded sandbox's objects are kept under its session's
 * id), the namespace it defaults to, and the environment whose Istio version decides which API
 * versions the sandbox serves.
 */
record ConsoleScope(String sandbox, String namespace, Environment environment) {

  int istioMinor() {
    return environment.istioMinor();
  }

  /** The version the sandbox serves a kind in, as kubectl would ask for it. */
  String version(ResourceType type) {
    return ApiCatalog.preferredVersion(type, istioMinor()).orElseThrow();
  }
}
