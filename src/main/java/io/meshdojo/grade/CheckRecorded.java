package io.meshdojo.grade;

/** A CDI event fired when a check is recorded, for features that follow learners' progress. */
public record CheckRecorded(long accountId, String labId, String sessionId, boolean passed) {}
