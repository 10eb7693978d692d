package io.meshdojo.sandbox;

import java.util.Map;
import java.util.Set;

/**
 * Sandboxes kept ready ahead of a known crowd (a workshop about to start), offered by a backend
 * whose sandboxes take minutes to start. A reservation is named by its holder; a sandbox whose row
 * names the holder ({@link SandboxSession#reservation}) takes one of its ready sandboxes first. The
 * holder says again what it wants from time to time: the backend need not remember a reservation
 * across restarts, only the sandboxes it already made for one.
 */
public interface WarmReservations {

  /**
   * Keeps {@code wanted} ready sandboxes per environment name for {@code holder}, replacing what it
   * asked before; the host's capacity caps it. An empty map ends the reservation.
   */
  void reserve(String holder, Map<String, Integer> wanted);

  /** Ends a reservation: the sandboxes nobody took are freed. Repeatable. */
  void end(String holder);

  /** Every holder the backend keeps sandboxes or a wish for. */
  Set<String> holders();

  /** Where a holder's reservation stands (all zero when it has none). */
  Standing standing(String holder);

  /**
   * @param wanted ready sandboxes asked for now
   * @param ready made and waiting for a learner
   * @param starting still being made
   * @param hostLimit the most sandboxes this host runs at once, for everyone
   */
  record Standing(int wanted, int ready, int starting, int hostLimit) {}
}
