package io.meshdojo.help;

/** A CDI event fired when a learner reveals a hint or a lab's solution. */
public record HelpTaken(long accountId, String labId) {}
