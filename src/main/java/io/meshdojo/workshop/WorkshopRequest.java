package io.meshdojo.workshop;

import java.util.List;

/**
 * What an instructor sends to create a workshop, or to change one (where a missing field stays as
 * it is). {@code warmShare} (0 to 1) is the share of capacity kept ready ahead of the start where
 * sandboxes take time to start. Times are ISO-8601 instants, e.g. {@code 2026-12-01T09:00:00Z};
 * they are strings here so a malformed one is answered with its field's name.
 */
public record WorkshopRequest(
    String title,
    List<String> labs,
    String startsAt,
    String endsAt,
    Integer capacity,
    List<String> coInstructors,
    String backend,
    Integer stuckMinutes,
    Integer stuckFailures,
    Double warmShare) {}
