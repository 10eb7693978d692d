package io.meshdojo.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Everything an operator can tune, under the {@code meshdojo} prefix. */
@ConfigMapping(prefix = "meshdojo")
public interface MeshDojoConfig {

  Signup signup();

  Admin admin();

  Tls tls();

  Console console();

  Throttling throttling();

  /**
   * Limits on guessing passwords and on creating accounts (io.meshdojo.account.Throttle). Per
   * account they are strict; per address generous, because a classroom shares one address behind
   * its NAT. Counters are fixed windows kept in the database, shared by every instance.
   */
  interface Throttling {
    /** Failed sign-ins one account may have in a window before sign-in is refused (429). */
    @WithDefault("10")
    int accountFailures();

    /** Failed sign-ins from one address in a window, for every account together. */
    @WithDefault("100")
    int addressFailures();

    /** The window of both failed sign-in counts; a success clears the account's count. */
    @WithDefault("PT15M")
    Duration signInWindow();

    /** Accounts one address may create in a window. */
    @WithDefault("100")
    int addressSignups();

    /** The window of the sign-up count. */
    @WithDefault("PT1H")
    Duration signupWindow();
  }

  /** The lab page's terminal (io.meshdojo.sandbox.console): its bounds. */
  interface Console {
    /** Output one console command may print, in bytes; the rest is cut with a note. */
    @WithDefault("262144")
    int maxOutputBytes();

    /**
     * The largest message the terminal takes, in bytes of UTF-8 (a command with the editor's text
     * as its stdin); a larger one is answered with an error and the connection stays open.
     */
    @WithDefault("2097152")
    int maxMessageBytes();

    /** Messages one terminal connection may send per second (keystrokes in the shell count). */
    @WithDefault("200")
    int messagesPerSecond();
  }

  interface Tls {
    /**
     * Where the service keeps the TLS key pair it makes on first start (see MeshDojoMain); read
     * before configuration is, so it also comes from MESHDOJO_TLS_DIR or -Dmeshdojo.tls.dir.
     */
    @WithDefault("data/tls")
    String dir();
  }

  Sandbox sandbox();

  interface Signup {
    /** Whether visitors may create learner accounts themselves. */
    @WithDefault("true")
    boolean enabled();
  }

  interface Admin {
    /** The account created on first start with an empty database. */
    @WithDefault("admin")
    String username();

    /** Its password (env MESHDOJO_ADMIN_PASSWORD); when absent one is generated and logged once. */
    Optional<String> password();
  }

  interface Sandbox {
    /**
     * {@code embedded} (default: an API served by this service), {@code kind} (a kind cluster per
     * learner on this host) or {@code kubernetes} (a pod per learner on a host cluster).
     */
    @WithDefault("embedded")
    String backend();

    /** How long a session lives before it expires. */
    @WithDefault("PT4H")
    Duration ttl();

    /**
     * How often one replica of the fleet reconciles the sandboxes that are due: a step a backend
     * asked to take later, a release not yet done, a session whose time is up although nobody
     * looked at it (io.meshdojo.sandbox.ReconcileLoop).
     */
    @WithDefault("PT15S")
    Duration reconcileEvery();

    /** How much one "extend" adds to a live session. */
    @WithDefault("PT1H")
    Duration extension();

    /** The longest a session may live, counted from its start, however often it is extended. */
    @WithDefault("PT8H")
    Duration maxLifetime();

    /** Sessions one learner may have open at once (being prepared or READY). */
    @WithDefault("3")
    int maxActivePerAccount();

    /** The largest object an embedded sandbox stores, in bytes of JSON. */
    @WithDefault("262144")
    int maxObjectBytes();

    /** The largest request body the embedded API reads, in bytes. */
    @WithDefault("1048576")
    int maxRequestBytes();

    /** Objects one embedded sandbox may hold. */
    @WithDefault("1000")
    int maxObjects();

    /** Watches one embedded sandbox may have open at once; more are refused with 429. */
    @WithDefault("10")
    int maxWatchesPerSandbox();

    /** Watches one learner may have open at once over all their sandboxes; more get 429. */
    @WithDefault("20")
    int maxWatchesPerAccount();

    /**
     * The longest a watch stays open, also what a watch that names no {@code timeoutSeconds} gets:
     * the API server's default (30 minutes). A longer {@code timeoutSeconds} is cut to it.
     */
    @WithDefault("PT30M")
    Duration maxWatchTimeout();

    /**
     * The service's address as learners' kubectl reaches it, e.g. {@code https://dojo.example.org};
     * by default the address the kubeconfig was requested on.
     */
    Optional<String> publicUrl();

    /**
     * A PEM file with the CA that signed the service's TLS certificate, embedded in kubeconfigs.
     * kubectl sends the sandbox token only over HTTPS, so learners reach the service through TLS.
     */
    Optional<String> certificateAuthority();
  }

  CheckHistory checkHistory();

  Check check();

  /** The Check of an embedded sandbox (io.meshdojo.grade.CheckService). */
  interface Check {
    /**
     * Sandboxes whose objects, as the grader read them, this replica keeps between Checks while
     * they are unchanged; the least recently checked are forgotten beyond this number.
     */
    @WithDefault("100")
    @Min(1)
    int keptSandboxes();
  }

  /** How much of every learner's check history is kept (io.meshdojo.grade.CheckRetention). */
  interface CheckHistory {
    /**
     * Checks kept per learner and lab, the newest; older ones are deleted, except the newest
     * passing one, which is always kept (it is what "passed" on the learner's pages rests on).
     */
    @WithDefault("50")
    @Min(1)
    int keepPerLab();

    /** How often older checks are deleted, by one replica of a fleet. */
    @WithDefault("PT1H")
    Duration pruneEvery();
  }
}
