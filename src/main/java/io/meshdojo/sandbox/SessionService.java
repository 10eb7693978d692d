package io.meshdojo.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.embedded.EmbeddedProvisioner;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.sandbox.kind.KindProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Learners' sandbox sessions: start, look, get a kubeconfig, reset, end. */
@ApplicationScoped
public class SessionService {

  private static final Logger LOG = Logger.getLogger(SessionService.class);

  /** What the API shows of a session. */
  public record View(
      String id,
      String status,
      String lab,
      String environment,
      String backend,
      Instant createdAt,
      Instant expiresAt,
      Progress progress,
      String error) {

    /**
     * This view, or a 409 unless the sandbox is READY; {@code once} says what waits for it, e.g.
     * "it can be checked".
     */
    public View requireReady(String once) {
      if (!SandboxStatus.READY.name().equals(status)) {
        throw new ClientErrorException(
            "Sandbox " + id + " is " + status + "; " + once + " once READY", 409);
      }
      return this;
    }
  }

  /** The step under way; {@code queuePosition} (1 is next) only while waiting for capacity. */
  public record Progress(
      String step, int percent, @JsonInclude(JsonInclude.Include.NON_NULL) Integer queuePosition) {}

  /** Whether a session with this status will change no more. */
  public static boolean finished(String status) {
    return !status.equals(SandboxStatus.PROVISIONING.name());
  }

  private final SandboxSessionRepository sessions;
  private final AccountRepository accounts;
  private final LabService labs;
  private final EnvironmentCatalog environments;
  private final EmbeddedProvisioner embedded;
  private final KindProvisioner kind;
  private final SandboxTokens tokens;
  private final MeshDojoConfig config;

  public SessionService(
      SandboxSessionRepository sessions,
      AccountRepository accounts,
      LabService labs,
      EnvironmentCatalog environments,
      EmbeddedProvisioner embedded,
      KindProvisioner kind,
      SandboxTokens tokens,
      MeshDojoConfig config) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.labs = labs;
    this.environments = environments;
    this.embedded = embedded;
    this.kind = kind;
    this.tokens = tokens;
    this.config = config;
  }

  /**
   * The backend a new session uses: kind when configured and available on this host (Docker), the
   * embedded backend otherwise (said once in the log; the health check shows why kind cannot run).
   */
  SandboxProvisioner provisioner() {
    String configured = config.sandbox().backend();
    if (configured.equals(KindProvisioner.BACKEND) && kind.available()) {
      return kind;
    }
    if (!configured.equals(EmbeddedProvisioner.BACKEND) && !warned) {
      warned = true;
      LOG.warnf(
          "meshdojo.sandbox.backend=%s, but that backend cannot serve here (%s); sessions use"
              + " the embedded backend",
          configured,
          configured.equals(KindProvisioner.BACKEND)
              ? kind.unavailableReason()
              : "unknown backend");
    }
    return embedded;
  }

  /** The backend a session was started on. */
  private SandboxProvisioner provisionerOf(SandboxSession session) {
    return session.backend.equals(KindProvisioner.BACKEND) ? kind : embedded;
  }

  private volatile boolean warned;

  /** Runs the kind backend's provisioning, which takes minutes, off the request thread. */
  private final ExecutorService background =
      Executors.newCachedThreadPool(
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "sandbox-provisioning-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  /** Queue positions of sessions waiting for capacity (not persisted: the queue is not either). */
  private final Map<String, Integer> queuePositions = new ConcurrentHashMap<>();

  @PreDestroy
  void stopBackground() {
    background.shutdownNow();
  }

  public View start(String username, String labId) {
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
    List<ObjectNode> setup = setupOf(lab);
    SandboxProvisioner provisioner = provisioner();
    SandboxSession session =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  // Locked until this session is inserted: parallel starts count one at a time.
                  Account account =
                      accounts.findById(account(username).id, LockModeType.PESSIMISTIC_WRITE);
                  Instant now = Instant.now();
                  long open =
                      sessions.ofAccount(account.id).stream().filter(s -> s.live(now)).count();
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
                  s.labId = lab.id();
                  s.environment = environment.name();
                  s.backend = provisioner.backend();
                  s.status = SandboxStatus.PROVISIONING.name();
                  s.step = "Queued";
                  s.percent = 0;
                  s.tokenSalt = SandboxTokens.newSalt();
                  s.tokenHash = SandboxTokens.hash(tokens.token(s.id, s.tokenSalt));
                  s.resourceVersion = 0;
                  s.createdAt = now;
                  s.expiresAt = now.plus(config.sandbox().ttl());
                  sessions.persist(s);
                  return s;
                });
    provisionInTurn(session, environment, setup, provisioner, false);
    return view(username, session.id);
  }

  /** Embedded: at once, on this thread. Kind: in the background; the session says how far. */
  private void provisionInTurn(
      SandboxSession session,
      Environment environment,
      List<ObjectNode> setup,
      SandboxProvisioner provisioner,
      boolean reset) {
    if (provisioner == embedded) {
      runProvisioning(session, environment, setup, provisioner, reset);
    } else {
      background.execute(() -> runProvisioning(session, environment, setup, provisioner, reset));
    }
  }

  private void runProvisioning(
      SandboxSession session,
      Environment environment,
      List<ObjectNode> setup,
      SandboxProvisioner provisioner,
      boolean reset) {
    String[] step = {"Queued"};
    SandboxProvisioner.Progress progress =
        new SandboxProvisioner.Progress() {
          @Override
          public void step(String name, int percent) {
            step[0] = name;
            queuePositions.remove(session.id);
            QuarkusTransaction.requiringNew()
                .run(() -> mark(session.id, SandboxStatus.PROVISIONING, name, percent, null));
          }

          @Override
          public void queued(int position) {
            step[0] = QUEUED;
            queuePositions.put(session.id, position);
            QuarkusTransaction.requiringNew()
                .run(() -> mark(session.id, SandboxStatus.PROVISIONING, QUEUED, 0, null));
          }
        };
    try {
      if (reset) {
        provisioner.reset(session, environment, setup, progress);
      } else {
        provisioner.provision(session, environment, setup, progress);
      }
      queuePositions.remove(session.id);
      QuarkusTransaction.requiringNew()
          .run(() -> mark(session.id, SandboxStatus.READY, "Ready", 100, null));
    } catch (RuntimeException e) {
      queuePositions.remove(session.id);
      String failedStep =
          e instanceof SandboxProvisioner.ProvisioningException p ? p.step() : step[0];
      LOG.warnf("sandbox %s failed at step '%s': %s", session.id, failedStep, e.getMessage());
      try {
        provisioner.destroy(session);
      } catch (RuntimeException cleanup) {
        LOG.warnf("cleaning up sandbox %s failed: %s", session.id, cleanup.getMessage());
      }
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  mark(
                      session.id,
                      SandboxStatus.FAILED,
                      failedStep,
                      0,
                      "Step '" + failedStep + "' failed: " + e.getMessage()));
    }
  }

  private void mark(String id, SandboxStatus status, String step, int percent, String error) {
    SandboxSession s = sessions.findById(id);
    if (s.status().equals(SandboxStatus.ENDED) || s.status().equals(SandboxStatus.EXPIRED)) {
      // Ended while a background provisioning still ran: the end stands.
      return;
    }
    s.status = status.name();
    s.step = step;
    s.percent = percent;
    s.error = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
  }

  /**
   * The learner's sessions that are still live (provisioning or ready), newest first, optionally
   * for one lab: a page resumes one of these instead of starting another.
   */
  public List<View> live(String username, String labId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Account account = account(username);
              List<View> views = new ArrayList<>();
              for (SandboxSession s : sessions.ofAccount(account.id)) {
                expireIfDue(s);
                if (s.live(Instant.now()) && (labId == null || labId.equals(s.labId))) {
                  views.add(toView(s));
                }
              }
              views.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
              return views;
            });
  }

  public View view(String username, String id) {
    return QuarkusTransaction.requiringNew().call(() -> toView(current(username, id)));
  }

  /**
   * The session's view each time its status or progress changes, ending with a final status (READY,
   * FAILED, ENDED, EXPIRED). Looks the session up at once: 404 for anyone but the owner.
   */
  public Multi<View> events(String username, String id, Duration every) {
    View first = view(username, id);
    AtomicBoolean finished = new AtomicBoolean();
    Multi<View> later =
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
        .first(v -> !finished.getAndSet(finished.get() || finished(v.status())))
        .skip()
        .repetitions();
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
    SandboxSession s = QuarkusTransaction.requiringNew().call(() -> current(username, id));
    if (!s.live(Instant.now())) {
      throw new ClientErrorException(
          "Sandbox " + id + " is " + s.status + "; start a new session for a fresh kubeconfig",
          409);
    }
    SandboxProvisioner provisioner = provisionerOf(s);
    if (provisioner != embedded) {
      if (!s.status().equals(SandboxStatus.READY)) {
        throw new ClientErrorException(
            "Sandbox " + id + " is still being prepared; its kubeconfig comes when it is READY",
            409);
      }
      // kubectl talks to the kind cluster, not to this service.
      return forLearner
          ? provisioner.learnerKubeconfig(s, null, serviceUrl)
          : provisioner.kubeconfig(s, null, serviceUrl);
    }
    String url = config.sandbox().publicUrl().orElse(serviceUrl);
    String kubeconfig = embedded.kubeconfig(s, tokens.token(s.id, s.tokenSalt), url);
    return config
        .sandbox()
        .certificateAuthority()
        .map(ca -> withCa(kubeconfig, ca))
        .orElse(kubeconfig);
  }

  private static String withCa(String kubeconfig, String caFile) {
    try {
      String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(caFile)));
      return kubeconfig.replaceFirst(
          "(?m)^(\\s+)server: (.*)$", "$1server: $2\n$1certificate-authority-data: " + data);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read meshdojo.sandbox.certificate-authority " + caFile, e);
    }
  }

  public View reset(String username, String id) {
    SandboxSession s = QuarkusTransaction.requiringNew().call(() -> owned(username, id));
    if (!s.live(Instant.now())) {
      throw new ClientErrorException(
          "Sandbox " + id + " is " + s.status + " and cannot be reset", 409);
    }
    Lab lab =
        labs.find(s.labId).orElseThrow(() -> new NotFoundException("No lab '" + s.labId + "'"));
    Environment environment = environments.find(s.environment).orElseThrow();
    SandboxProvisioner provisioner = provisionerOf(s);
    if (provisioner != embedded) {
      QuarkusTransaction.requiringNew()
          .run(() -> mark(id, SandboxStatus.PROVISIONING, "Resetting", 0, null));
    }
    provisionInTurn(s, environment, setupOf(lab), provisioner, true);
    return view(username, id);
  }

  /**
   * Gives a live session {@code meshdojo.sandbox.extension} more time, never beyond its start plus
   * {@code meshdojo.sandbox.max-lifetime}.
   */
  public View extend(String username, String id) {
    Duration more = config.sandbox().extension();
    SandboxSession s =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SandboxSession found = current(username, id);
                  if (!found.live(Instant.now())) {
                    throw new ClientErrorException(
                        "Sandbox " + id + " is " + found.status + " and cannot be extended", 409);
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
    provisionerOf(s).extend(s, more);
    return view(username, id);
  }

  public void end(String username, String id) {
    SandboxSession s = QuarkusTransaction.requiringNew().call(() -> owned(username, id));
    close(s, SandboxStatus.ENDED, null);
  }

  /**
   * Closes a session for good, ended by its learner or expired: both release the same things, its
   * sandbox (every object, or the kind cluster), the sandbox's open watches and its place in the
   * queue. The status is committed first, so no write or watch slips in after the release.
   */
  private void close(SandboxSession s, SandboxStatus how, String error) {
    Instant now = Instant.now();
    QuarkusTransaction.requiringNew().run(() -> closed(sessions.findById(s.id), how, error, now));
    closed(s, how, error, now);
    provisionerOf(s).destroy(s);
    queuePositions.remove(s.id);
  }

  private static void closed(SandboxSession s, SandboxStatus how, String error, Instant now) {
    s.status = how.name();
    s.step = how == SandboxStatus.EXPIRED ? "Expired" : "Ended";
    s.endedAt = now;
    if (error != null) {
      s.error = error;
    }
  }

  /**
   * Expires the sessions whose time is up although nobody looked at them since, releasing their
   * sandboxes; a session someone looks at is expired at that moment. Run by {@link SessionExpiry},
   * in one replica of a fleet.
   */
  public void expireDue() {
    List<String> due =
        QuarkusTransaction.requiringNew()
            .call(() -> sessions.readyButDue(Instant.now()).stream().map(s -> s.id).toList());
    for (String id : due) {
      QuarkusTransaction.requiringNew().run(() -> expireIfDue(sessions.findById(id)));
    }
  }

  /** Why a session's sandbox no longer answers, or empty while it is live. */
  public Optional<String> whyGone(String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SandboxSession s = sessions.findByIdOptional(id).orElse(null);
              if (s == null) {
                return Optional.of("this sandbox no longer exists");
              }
              return s.live(Instant.now()) ? Optional.empty() : Optional.of(s.goneReason());
            });
  }

  /**
   * The live session a kubeconfig token belongs to.
   *
   * @throws KubeException 401 with a sentence saying why
   */
  public SandboxSession authenticate(String sandboxId, String token) {
    SandboxSession s = sessionOfToken(token);
    if (s == null || !s.id.equals(sandboxId)) {
      throw KubeException.unauthorized("this token is not valid for this sandbox");
    }
    return live(s);
  }

  /** The live sandbox a token belongs to, for requests that name no sandbox (kubectl --raw). */
  public SandboxSession authenticate(String token) {
    SandboxSession s = sessionOfToken(token);
    if (s == null) {
      throw KubeException.unauthorized("this token is not valid for any sandbox");
    }
    return live(s);
  }

  private SandboxSession sessionOfToken(String token) {
    if (token == null || token.isBlank()) {
      throw KubeException.unauthorized(
          "a bearer token is required: use the kubeconfig of your sandbox");
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SandboxSession found =
                  sessions.findByTokenHash(SandboxTokens.hash(token)).orElse(null);
              if (found != null) {
                expireIfDue(found);
              }
              return found;
            });
  }

  private static SandboxSession live(SandboxSession s) {
    if (!s.live(Instant.now())) {
      throw KubeException.unauthorized(s.goneReason());
    }
    return s;
  }

  private void expireIfDue(SandboxSession s) {
    if (!s.status().equals(SandboxStatus.READY)) {
      return;
    }
    boolean kindSession = s.backend.equals(KindProvisioner.BACKEND);
    if (!Instant.now().isBefore(s.expiresAt)) {
      close(s, SandboxStatus.EXPIRED, null);
    } else if (kindSession && kind.available() && kind.status(s).equals(SandboxStatus.ENDED)) {
      // The pool ended the lease (its lifetime or idle timeout): the cluster is gone.
      close(
          s,
          SandboxStatus.EXPIRED,
          "The sandbox cluster was ended by the pool (lifetime or idle timeout)");
    } else if (kindSession) {
      // The learner's page or kubeconfig download counts as activity.
      kind.touch(s);
    }
  }

  /** The owner's session with its status brought up to date (expired when its time is up). */
  private SandboxSession current(String username, String id) {
    SandboxSession s = owned(username, id);
    expireIfDue(s);
    return s;
  }

  private SandboxSession owned(String username, String id) {
    Account account = account(username);
    return sessions
        .findByIdOptional(id)
        .filter(s -> s.accountId.equals(account.id))
        .orElseThrow(() -> new NotFoundException("No session '" + id + "'"));
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }

  private View toView(SandboxSession s) {
    return new View(
        s.id,
        s.status,
        s.labId,
        s.environment,
        s.backend,
        s.createdAt,
        s.expiresAt,
        new Progress(
            s.step,
            s.percent,
            s.status().equals(SandboxStatus.PROVISIONING) ? queuePositions.get(s.id) : null),
        s.error);
  }

  /** The lab's setup manifests, parsed, in the order lab.yaml lists them. */
  private static List<ObjectNode> setupOf(Lab lab) {
    List<ObjectNode> objects = new ArrayList<>();
    for (String path : lab.setup()) {
      String resource = "meshdojo/labs/" + lab.id() + "/" + path;
      try (InputStream in =
          Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "Lab " + lab.id() + " names setup file " + path + ", which is missing");
        }
        objects.addAll(
            Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return objects;
  }
}
