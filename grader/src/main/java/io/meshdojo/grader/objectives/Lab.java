package io.meshdojo.grader.objectives;

import java.util.List;
import java.util.Map;

/**
 * What the grader needs of a lab: its environment, setup manifests (name -> text), reference
 * solution manifests and objectives.
 */
public record Lab(
    String id,
    String environment,
    Map<String, String> setup,
    Map<String, String> solution,
    List<Objective> objectives) {}
