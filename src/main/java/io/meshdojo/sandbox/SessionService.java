package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import io.meshdojo.sandbox.embedded.EmbeddedProvisioner;
import io.meshdojo.sandbox.embedded.KubeException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
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
      String error) {}

  public record Progress(String step, int percent) {}

  private final SandboxSessionRepository sessions;
  private final AccountRepository accounts;
  private final LabService labs;
  private final EnvironmentCatalog environments;
  private final EmbeddedProvisioner embedded;
  private final SandboxTokens tokens;
  private final MeshDojoConfig config;

  public SessionService(
      SandboxSessionRepository sessions,
      AccountRepository accounts,
      LabService labs,
      EnvironmentCatalog environments,
      EmbeddedProvisioner embedded,
      SandboxTokens tokens,
      MeshDojoConfig config) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.labs = labs;
    this.environments = environments;
    this.embedded = embedded;
    this.tokens = tokens;
    this.config = config;
  }

  /**
   * The backend new sessions use. The kind backend's provisioning takes minutes and needs the
   * asynchronous start, warm pool and capacity queue that are not built yet, so sessions use the
   * embedded backend whatever is configured (the health check shows what the host could serve).
   */
  SandboxProvisioner provisioner() {
    if (!config.sandbox().backend().equals(EmbeddedProvisioner.BACKEND) && !warned) {
      warned = true;
      LOG.warnf(
          "meshdojo.sandbox.backend=%s: sessions on that backend are not available yet; using"
              + " the embedded backend",
          config.sandbox().backend());
    }
    return embedded;
  }

  private volatile boolean warned;

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
                  Account account = account(username);
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
    runProvisioning(session, environment, setup, provisioner, false);
    return view(username, session.id);
  }

  private void runProvisioning(
      SandboxSession session,
      Environment environment,
      List<ObjectNode> setup,
      SandboxProvisioner provisioner,
      boolean reset) {
    String[] step = {"Queued"};
    SandboxProvisioner.Progress progress =
        (name, percent) -> {
          step[0] = name;
          QuarkusTransaction.requiringNew()
              .run(() -> mark(session.id, SandboxStatus.PROVISIONING, name, percent, null));
        };
    try {
      if (reset) {
        provisioner.reset(session, environment, setup, progress);
      } else {
        provisioner.provision(session, environment, setup, progress);
      }
      QuarkusTransaction.requiringNew()
          .run(() -> mark(session.id, SandboxStatus.READY, "Ready", 100, null));
    } catch (RuntimeException e) {
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
    s.status = status.name();
    s.step = step;
    s.percent = percent;
    s.error = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
  }

  public View view(String username, String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SandboxSession s = owned(username, id);
              expireIfDue(s);
              return toView(s);
            });
  }

  public String kubeconfig(String username, String id, String serviceUrl) {
    SandboxSession s =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SandboxSession found = owned(username, id);
                  expireIfDue(found);
                  return found;
                });
    if (!s.live(Instant.now())) {
      throw new ClientErrorException(
          "Sandbox " + id + " is " + s.status + "; start a new session for a fresh kubeconfig",
          409);
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
    runProvisioning(s, environment, setupOf(lab), embedded, true);
    return view(username, id);
  }

  public void end(String username, String id) {
    SandboxSession s = QuarkusTransaction.requiringNew().call(() -> owned(username, id));
    embedded.destroy(s);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              SandboxSession found = sessions.findById(id);
              found.status = SandboxStatus.ENDED.name();
              found.step = "Ended";
              found.endedAt = Instant.now();
            });
  }

  /**
   * The live session a kubeconfig token belongs to.
   *
   * @throws KubeException 401 with a sentence saying why
   */
  public SandboxSession authenticate(String sandboxId, String token) {
    if (token == null || token.isBlank()) {
      throw KubeException.unauthorized(
          "a bearer token is required: use the kubeconfig of your sandbox");
    }
    SandboxSession s =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SandboxSession found =
                      sessions.findByTokenHash(SandboxTokens.hash(token)).orElse(null);
                  if (found != null) {
                    expireIfDue(found);
                  }
                  return found;
                });
    if (s == null || !s.id.equals(sandboxId)) {
      throw KubeException.unauthorized("this token is not valid for this sandbox");
    }
    if (!s.live(Instant.now())) {
      throw KubeException.unauthorized(
          "sandbox session "
              + s.id
              + " has "
              + (s.status().equals(SandboxStatus.EXPIRED) ? "expired" : "ended (" + s.status + ")")
              + "; start a new session and use its kubeconfig");
    }
    return s;
  }

  private void expireIfDue(SandboxSession s) {
    if (s.status().equals(SandboxStatus.READY) && !Instant.now().isBefore(s.expiresAt)) {
      s.status = SandboxStatus.EXPIRED.name();
      s.step = "Expired";
    }
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

  private static View toView(SandboxSession s) {
    return new View(
        s.id,
        s.status,
        s.labId,
        s.environment,
        s.backend,
        s.createdAt,
        s.expiresAt,
        new Progress(s.step, s.percent),
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
