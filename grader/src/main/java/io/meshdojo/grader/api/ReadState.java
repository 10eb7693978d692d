package io.meshdojo.grader.api;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.model.Resource;
import java.util.List;

/**
 * A sandbox's objects read into the grader's model once ({@link Grader#read}), to be graded any
 * number of times, by any thread, while the objects are unchanged: reading (typing and validating
 * every object) is a large part of a Check, and grading never changes what it reads.
 */
public final class ReadState {

  private final List<Resource> resources;
  private final List<Finding> findings;

  ReadState(List<Resource> resources, List<Finding> findings) {
    this.resources = List.copyOf(resources);
    this.findings = List.copyOf(findings);
  }

  List<Resource> resources() {
    return resources;
  }

  List<Finding> findings() {
    return findings;
  }

  /** How many objects were read into the model: a rough measure of what keeping it costs. */
  public int size() {
    return resources.size();
  }
}
