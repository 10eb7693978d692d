package io.meshdojo.fleet;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Short messages from one replica of the service to all the others that share its database. On
 * PostgreSQL a message is a {@code NOTIFY} sent with the sender's transaction, so the others hear
 * of a change only once it is committed, and each replica LISTENs on one connection of its own. On
 * the embedded H2 database there is only ever one replica, so there is nobody to tell.
 *
 * <p>A replica's own messages are not handed back to it: what it changed itself it announces
 * locally, at once. A message names what changed; receivers read the rest from the database.
 */
@ApplicationScoped
public class FleetBus {

  /** The one channel every replica listens on; a message's topic tells receivers apart. */
  static final String CHANNEL = "meshdojo_fleet";

  private static final Logger LOG = Logger.getLogger(FleetBus.class);

  private final String replica = UUID.randomUUID().toString();
  private final boolean shared;
  private final EntityManager database;
  private final String url;
  private final Properties credentials = new Properties();
  private final Map<String, List<Consumer<String>>> receivers = new ConcurrentHashMap<>();
  private final List<Runnable> resumers = new CopyOnWriteArrayList<>();
  private NotificationListener listener;

  public FleetBus(
      @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      EntityManager database) {
    this.shared = dbKind.equals("postgresql");
    this.url = url;
    this.database = database;
    username.ifPresent(u -> credentials.setProperty("user", u));
    password.ifPresent(p -> credentials.setProperty("password", p));
  }

  void start(@Observes StartupEvent start) {
    if (shared) {
      listener =
          new NotificationListener(
              url, credentials, CHANNEL, this::received, this::resumed, Duration.ofSeconds(1));
      listener.start();
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    if (listener != null) {
      listener.close();
    }
  }

  /** This process's name in the fleet, different at every start. */
  public String replica() {
    return replica;
  }

  /** Whether other replicas may share the database (PostgreSQL), so there is anyone to tell. */
  public boolean shared() {
    return shared;
  }

  /** Whether this replica hears the others now; always true where there are none. */
  public boolean listening() {
    return !shared || (listener != null && listener.listening());
  }

  /**
   * Tells every other replica, once the current transaction commits (or at once, outside one). A
   * transaction that rolls back tells nobody; the same message twice in one transaction is sent
   * once.
   */
  public void tellOthers(String topic, String body) {
    if (!shared) {
      return;
    }
    String payload = new FleetMessage(replica, topic, body).encode();
    Runnable notify =
        () ->
            database
                .createNativeQuery("select pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, payload)
                .getSingleResult();
    if (QuarkusTransaction.isActive()) {
      notify.run();
    } else {
      QuarkusTransaction.requiringNew().run(notify);
    }
  }

  /**
   * Hands {@code receiver} the body of each message on {@code topic} from another replica, on the
   * listener's thread: a receiver that takes long delays every message after it.
   */
  public void subscribe(String topic, Consumer<String> receiver) {
    receivers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(receiver);
  }

  /**
   * Runs {@code resume} whenever this replica hears the others again after losing its connection:
   * messages sent in between are lost, so a receiver reads from the database what it missed.
   */
  public void onResume(Runnable resume) {
    resumers.add(resume);
  }

  private void received(String payload) {
    FleetMessage message = FleetMessage.decode(payload);
    if (message == null || message.origin().equals(replica)) {
      return;
    }
    for (Consumer<String> receiver : receivers.getOrDefault(message.topic(), List.of())) {
      try {
        receiver.accept(message.body());
      } catch (RuntimeException e) {
        // One receiver's failure must not keep the message from the others.
        LOG.errorf(e, "a fleet message on %s could not be handled: %s", message.topic(), payload);
      }
    }
  }

  private void resumed() {
    resumers.forEach(Runnable::run);
  }
}
