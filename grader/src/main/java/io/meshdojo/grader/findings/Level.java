package io.meshdojo.grader.findings;

/** Severity of a finding. Errors are what the API server, a webhook or the mesh would refuse. */
public enum Level {
  ERROR,
  WARNING,
  INFO
}
