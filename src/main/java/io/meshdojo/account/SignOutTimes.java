package io.meshdojo.account;

import io.meshdojo.fleet.FleetBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each account last signed out, kept in memory so that {@link SignedOutSessions} does not ask
 * the database on every request that carries a sign-in cookie. The time only ever moves forward (a
 * sign-out or a disabling sets it to now; nothing clears it), so every source is merged by keeping
 * the later time, in whatever order they arrive: the database on a first look-up, this replica's
 * own sign-outs at once, other replicas' through the {@link FleetBus} once their transaction
 * commits. A replica that lost its connection to the others forgets what it knew and, until it
 * hears them again, asks the database each time.
 */
@ApplicationScoped
public class SignOutTimes {

  /** The fleet topic; the body is the sign-out's ISO-8601 instant, a space and the username. */
  static final String TOPIC = "signed-out";

  /** Stands for "never signed out": every cookie was issued after it. */
  static final Instant NEVER = Instant.EPOCH;

  private final AccountRepository accounts;
  private final FleetBus fleet;
  private final Map<String, Instant> known = new ConcurrentHashMap<>();

  public SignOutTimes(AccountRepository accounts, FleetBus fleet) {
    this.accounts = accounts;
    this.fleet = fleet;
  }

  void listen(@Observes StartupEvent start) {
    fleet.subscribe(TOPIC, this::heard);
    fleet.onResume(known::clear);
  }

  /**
   * When the account last signed out as far as this replica knows without asking the database
   * ({@link #NEVER} for never); empty when it must ask ({@link #read}).
   */
  public Optional<Instant> known(String username) {
    return fleet.listening() ? Optional.ofNullable(known.get(username)) : Optional.empty();
  }

  /**
   * When the account last signed out ({@link #NEVER} for never, or no such account), read from the
   * database and remembered; blocks.
   */
  @ActivateRequestContext
  public Instant read(String username) {
    Instant time = accounts.findByUsername(username).map(a -> a.signedOutAt).orElse(null);
    return remember(username, time == null ? NEVER : time);
  }

  /**
   * Records a sign-out of the account (inside the transaction that stores it): this replica knows
   * at once, the others once it commits.
   */
  void signedOut(String username, Instant at) {
    remember(username, at);
    fleet.tellOthers(TOPIC, at + " " + username);
  }

  /** Another replica's sign-out. */
  void heard(String body) {
    String[] parts = body.split(" ", 2);
    if (parts.length == 2) {
      remember(parts[1], Instant.parse(parts[0]));
    }
  }

  private Instant remember(String username, Instant time) {
    return known.merge(username, time, (a, b) -> a.isAfter(b) ? a : b);
  }
}
