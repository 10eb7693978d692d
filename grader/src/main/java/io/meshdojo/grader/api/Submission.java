package io.meshdojo.grader.api;

/** One file (or text) of the learner's applied resources: a name for messages and its content. */
public record Submission(String name, String text) {}
