package io.meshdojo.sandbox;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Learners' sandbox sessions as the REST API and the pages use them: start, look, get a kubeconfig,
 * reset, extend, end. Each request writes what the learner wants into the sandbox's row and has the
 * {@link ReconcileLoop} act on it; the owner is the only one who sees a session (404 for anyone
 * else).
 */
@ApplicationScoped
public class Sandboxes {

  private final SandboxSessionRepository sessions;
  private final AccountRepository accounts;
  private final LabService labs;
  private final EnvironmentCatalog environments;
  private final SandboxBackends backends;
  private final ReconcileLoop loop;
  private final SandboxTokens tokens;
  private final MeshDojoConfig config;
  private final Instance<SandboxClaim> claims;
  private final LabSetups setups;

  public Sandboxes(
      SandboxSessionRepository sessions,
      AccountRepository accounts,
      LabService labs,
      EnvironmentCatalog environments,
      SandboxBackends backends,
      ReconcileLoop loop,
      SandboxTokens tokens,
      MeshDojoConfig config,
      Instance<SandboxClaim> claims,
      LabSetups setups) {
    this.claims = claims;
    this.setups = setups;
    this.sessions = sessions;
    this.accounts = accounts;
    this.labs = labs;
    this.environments = environments;
    this.backends = backends;
    this.loop = loop;
    this.tokens = tokens;
    this.config = config;
  }

  /**
   * Starts a sandbox for a lab: the embedded backend is ready when this returns, a kind cluster
   * follows in the background (the session says how far).
   *
   * @throws ClientErrorException 409 when the learner already has as many open sandboxes as one
   *     may, counted and claimed in one transaction that holds their account's row
   */
  public SandboxView start(String username, String labId) {
    Lab lab = labs.find(labId).orElseThrow(() -> new NotFoundException("No lab '" + labId + "'"));
    Environment environment =
        environments
            .find(lab.environment())
            .orElseThrow(
                () ->
                    new ClientErrorException(
                        "Lab '"
                            + labId
                            + "' needs environment '"
                            + lab.environment()
                            + "', which this service lacks",
                        409));
    return stepThenView(username, claim(username, lab.id(), environment, config.sandbox().ttl()));
  }

  /**
   * Starts the sandbox of an exam attempt, holding every drawn task's setup ({@link
   * SandboxOwner.ExamSetups}); it lives {@code lifetime}, enough for the exam's clock.
   *
   * @throws ClientErrorException 409 when the learner already has as many open sandboxes as one
   *     may, or the service lacks the environment
   */
  public SandboxView startExam(
      String username, String attemptId, String environmentName, Duration lifetime) {
    Environment environment =
        environments
            .find(environmentName)
            .orElseThrow(
                () ->
                    new ClientErrorException(
                        "This exam needs environment '"
                            + environmentName
                            + "', which this service lacks",
                        409));
    return stepThenView(
        username, claim(username, SandboxOwner.exam(attemptId), environment, lifetime));
  }

  /** Inserts a wanted sandbox, counted against the account's limit under its row's lock. */
  private String claim(String username, String owner, Environment environment, Duration lifetime) {
    SandboxBackend backend =
        backends.forNewSandbox(new LearnerRights(List.of(), setups.clusterAdmin(owner)));
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              // Held until this sandbox is inserted: parallel starts count one at a time.
              Account account =
                  accounts.findById(account(username).id, LockModeType.PESSIMISTIC_WRITE);
              Instant now = Instant.now();
              long open = sessions.countLive(account.id, now);
              if (open >= config.sandbox().maxActivePerAccount()) {
                throw new ClientErrorException(
                    "You already have "
                        + open
                        + " open sandboxes; end one (DELETE /api/sessions/{id}) before starting another",
                    409);
              }
              SandboxSession s = new SandboxSession();
              s.id = UUID.randomUUID().toString();
              s.accountId = account.id;
              s.labId = owner;
              s.environment = environment.name();
              s.backend = backend.name();
              s.desired = SandboxPhase.READY.name();
              s.phase = SandboxPhase.QUEUED.name();
              s.generation = 1;
              s.step = "Queued";
              s.percent = 0;
              s.tokenSalt = SandboxTokens.newSalt();
              s.tokenHash = SandboxTokens.hash(tokens.token(s.id, s.tokenSalt));
              s.resourceVersion = 0;
              s.createdAt = now;
              s.expiresAt = now.plus(lifetime);
              s.nextReconcileAt = now;
              for (SandboxClaim claim : claims) {
                claim
                    .claim(s)
                    .ifPresent(
                        c -> {
                          if (c.until().isAfter(s.expiresAt)) {
                            s.expiresAt = c.until();
                          }
                          if (c.reservation() != null) {
                            s.reservation = c.reservation();
                          }
                        });
              }
              sessions.persist(s);
              return s.id;
            });
  }

  /**
   * A 409 while the learner has a live exam sandbox: no lab's help or grading during an exam (see
   * {@link DuringExam}). {@code what} names what is refused.
   */
  public void refuseDuringExam(String username, String what) {
    // Read without a transaction of its own: it runs before every Check and hint.
    if (sessions.anyLive(username, SandboxOwner.exam(""), Instant.now())) {
      throw new ClientErrorException(
          "Not available while you take an exam: "
              + what
              + ". It comes back once the attempt is graded",
          409);
    }
  }

  /**
   * A 409 when the learner's sandbox {@code id} belongs to an exam attempt: the attempt owns it,
   * and its grading ends it. A sandbox that is not the learner's passes, for the endpoint's own
   * 404.
   */
  public void refuseOnExamSandbox(String username, String id, String what) {
    if (id == null) {
      return;
    }
    Account account = account(username);
    Optional<String> attempt =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    sessions
                        .findByIdOptional(id)
                        .filter(s -> s.accountId.equals(account.id))
                        .flatMap(s -> SandboxOwner.attempt(s.labId)));
    if (attempt.isPresent()) {
      throw new ClientErrorException(
          "Sandbox "
              + id
              + " belongs to exam attempt "
              + attempt.get()
              + ": "
              + what
              + " is refused. The attempt keeps your work in it until it is submitted or its"
              + " time runs out; then it ends by itself",
          409);
    }
  }

  /**
   * Ends a sandbox for the service itself (an exam graded by the clock), whoever owns it; a
   * finished one is left as it is.
   */
  public void endForService(String id) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                sessions
                    .lock(id)
                    .filter(SandboxSession::wanted)
                    .ifPresent(s -> wish(s, SandboxPhase.ENDED, null)));
    loop.now(id);
  }

  /**
   * The state of any sandbox for the service's own work (an exam graded by the clock), whoever owns
   * it; empty when there is none.
   */
  public Optional<SandboxView> viewForService(String id) {
    return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> sessions.findById(id)))
        .map(SandboxView::of);
  }

  /** The service's own kubeconfig of any live sandbox (an exam graded by the clock). */
  public Optional<String> kubeconfigForService(String id, String serviceUrl) {
    SandboxSession s = QuarkusTransaction.requiringNew().call(() -> sessions.findById(id));
    if (s == null || !s.live(Instant.now())) {
      return Optional.empty();
    }
    return backends.of(s.backend).serviceKubeconfig(s, serviceUrl);
  }

  /** One reconcile on this thread, so that the answer shows its outcome; the loop follows up. */
  private SandboxView stepThenView(String username, String id) {
    SandboxReconciler.Result result = loop.step(id);
    SandboxView view = view(username, id);
    loop.follow(id, result);
    return view;
  }

  /**
   * The learner's sessions that are still live (being prepared or ready), newest first, optionally
   * for one lab: a page resumes one of these instead of starting another.
   */
  public List<SandboxView> live(String username, String labId) {
    List<SandboxSession> mine =
        QuarkusTransaction.requiringNew().call(() -> sessions.ofAccount(account(username).id));
    List<SandboxView> views = new ArrayList<>();
    for (SandboxSession s : mine) {
      SandboxSession now = s.live(Instant.now()) ? observed(s) : s;
      if (now.live(Instant.now()) && (labId == null || labId.equals(now.labId))) {
        views.add(SandboxView.of(now));
      }
    }
    views.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
    return views;
  }

  public SandboxView view(String username, String id) {
    return SandboxView.of(current(username, id));
  }

  /**
   * The session's view each time its status or progress changes, ending with a final status (READY,
   * FAILED, ENDED, EXPIRED). Looks the session up at once: 404 for anyone but the owner.
   */
  public Multi<SandboxView> events(String username, String id, Duration every) {
    SandboxView first = view(username, id);
    AtomicBoolean finished = new AtomicBoolean();
    Multi<SandboxView> later =
        Multi.createFrom()
            .ticks()
            .every(every)
            .emitOn(Infrastructure.getDefaultWorkerPool())
            .map(tick -> view(username, id));
    return Multi.createBy()
        .concatenating()
        .streams(Multi.createFrom().item(first), later)
        // Lets the final view through, then completes at the next tick.
        .select()
        .first(v -> !finished.getAndSet(finished.get() || v.finished()))
        .skip()
        .repetitions();
  }

  /** What the sandbox offers beyond a Kubernetes API (a stored object set, running workloads). */
  public SandboxBackend.Capabilities capabilities(SandboxView view) {
    return backends.of(view.backend()).capabilities();
  }

  /** The service's own kubeconfig for a sandbox (editor, terminal, traffic, grading). */
  public String kubeconfig(String username, String id, String serviceUrl) {
    return kubeconfig(username, id, serviceUrl, false);
  }

  /** The kubeconfig the learner downloads (for kind: a namespaced ServiceAccount's). */
  public String learnerKubeconfig(String username, String id, String serviceUrl) {
    return kubeconfig(username, id, serviceUrl, true);
  }

  private String kubeconfig(String username, String id, String serviceUrl, boolean forLearner) {
    SandboxSession s = current(username, id);
    if (!s.live(Instant.now())) {
      throw new ClientErrorException(
          "Sandbox " + id + " is " + s.status() + "; start a new session for a fresh kubeconfig",
          409);
    }
    SandboxBackend backend = backends.of(s.backend);
    return (forLearner
            ? backend.learnerKubeconfig(s, serviceUrl)
            : backend.serviceKubeconfig(s, serviceUrl))
        .orElseThrow(
            () ->
                new ClientErrorException(
                    "Sandbox "
                        + id
                        + " is still being prepared; its kubeconfig comes when it is READY",
                    409));
  }

  /**
   * Puts the sandbox back as the lab starts: a new generation, prepared afresh. A reset while the
   * sandbox is still being prepared replaces that preparation; whatever the older one reports later
   * changes nothing.
   */
  public SandboxView reset(String username, String id) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              SandboxSession s = lockedOwned(username, id);
              if (!s.live(Instant.now())) {
                throw new ClientErrorException(
                    "Sandbox " + id + " is " + s.status() + " and cannot be reset", 409);
              }
              s.generation++;
              s.phase = SandboxPhase.RESETTING.name();
              s.step = "Resetting";
              s.percent = 0;
              s.queuePosition = null;
              s.error = null;
              s.attempts = 0;
              s.nextReconcileAt = Instant.now();
            });
    return stepThenView(username, id);
  }

  /**
   * Gives a live session {@code meshdojo.sandbox.extension} more time, never beyond its start plus
   * {@code meshdojo.sandbox.max-lifetime}.
   */
  public SandboxView extend(String username, String id) {
    Duration more = config.sandbox().extension();
    current(username, id);
    SandboxSession s =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SandboxSession found = lockedOwned(username, id);
                  if (!found.live(Instant.now())) {
                    throw new ClientErrorException(
                        "Sandbox " + id + " is " + found.status() + " and cannot be extended", 409);
                  }
                  Instant limit = found.createdAt.plus(config.sandbox().maxLifetime());
                  if (!found.expiresAt.isBefore(limit)) {
                    throw new ClientErrorException(
                        "Sandbox "
                            + id
                            + " already lives as long as a session may ("
                            + config.sandbox().maxLifetime().toHours()
                            + " h); start a new session to go on",
                        409);
                  }
                  Instant wanted = found.expiresAt.plus(more);
                  found.expiresAt = wanted.isAfter(limit) ? limit : wanted;
                  return found;
                });
    backends.of(s.backend).extend(s, more);
    return view(username, id);
  }

  /**
   * Lets a live session live until {@code until} if it would end sooner (a workshop that runs
   * longer); a finished session is left as it is.
   */
  public void extendUntil(String username, String id, Instant until) {
    Duration[] more = new Duration[1];
    SandboxSession s =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SandboxSession found = lockedOwned(username, id);
                  if (!found.live(Instant.now()) || !found.expiresAt.isBefore(until)) {
                    return null;
                  }
                  more[0] = Duration.between(found.expiresAt, until);
                  found.expiresAt = until;
                  return found;
                });
    if (s != null) {
      backends.of(s.backend).extend(s, more[0]);
    }
  }

  /**
   * Ends the session for good. ENDED is committed first, so no write or watch slips in after it;
   * the release of what the sandbox holds follows at once.
   */
  public void end(String username, String id) {
    QuarkusTransaction.requiringNew()
        .run(() -> wish(lockedOwned(username, id), SandboxPhase.ENDED, null));
    loop.now(id);
  }

  /**
   * The session with what the learner's look reveals: a live one whose time is up, or whose backend
   * lost it, is expired (and released) now; a ready one is marked as in use.
   */
  SandboxSession observed(SandboxSession s) {
    if (!s.wanted() || s.phase().finished()) {
      return s;
    }
    SandboxBackend backend = backends.of(s.backend);
    boolean timeUp = !Instant.now().isBefore(s.expiresAt);
    Optional<String> lost =
        !timeUp && s.phase() == SandboxPhase.READY ? backend.lost(s) : Optional.empty();
    if (!timeUp && lost.isEmpty()) {
      if (s.phase() == SandboxPhase.READY) {
        backend.touch(s);
      }
      return s;
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              SandboxSession row = sessions.lock(s.id).orElseThrow();
              if (row.wanted()) {
                wish(row, SandboxPhase.EXPIRED, lost.orElse(null));
              }
            });
    loop.now(s.id);
    return QuarkusTransaction.requiringNew().call(() -> sessions.findById(s.id));
  }

  private static void wish(SandboxSession s, SandboxPhase end, String why) {
    s.desired = end.name();
    s.endedAt = Instant.now();
    s.nextReconcileAt = s.endedAt;
    if (why != null) {
      s.error = why;
    }
  }

  /** The owner's session with its status brought up to date (expired when its time is up). */
  private SandboxSession current(String username, String id) {
    return observed(QuarkusTransaction.requiringNew().call(() -> owned(username, id)));
  }

  private SandboxSession owned(String username, String id) {
    long account = accounts.idOf(username).orElseThrow(() -> new NotFoundException("No account"));
    return sessions
        .findByIdOptional(id)
        .filter(s -> s.accountId == account)
        .orElseThrow(() -> new NotFoundException("No session '" + id + "'"));
  }

  private SandboxSession lockedOwned(String username, String id) {
    Account account = account(username);
    return sessions
        .lock(id)
        .filter(s -> s.accountId.equals(account.id))
        .orElseThrow(() -> new NotFoundException("No session '" + id + "'"));
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }
}
