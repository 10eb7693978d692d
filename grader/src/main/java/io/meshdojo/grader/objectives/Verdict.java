package io.meshdojo.grader.objectives;

import java.util.List;

/** Result of one objective: whether it is met, a message and evidence, in both languages. */
public record Verdict(boolean passed, Bilingual message, List<Bilingual> evidence) {}
