package io.meshdojo.workshop;

import java.time.Instant;
import java.util.List;

/** A workshop as its instructors see it through the API. */
public record WorkshopView(
    long id,
    String code,
    String title,
    List<String> labs,
    Instant startsAt,
    Instant endsAt,
    Instant endedAt,
    String status,
    int capacity,
    int enrolled,
    String backend,
    String owner,
    List<String> coInstructors,
    int stuckMinutes,
    int stuckFailures,
    double warmShare) {}
