package io.meshdojo.sandbox.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.SandboxAuthenticator;
import io.meshdojo.sandbox.embedded.KubeException;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The Pod sub-resources of the embedded sandbox API that the data plane answers: {@code exec}
 * (kubectl's WebSocket remote-command protocol, {@code v5.channel.k8s.io} and {@code
 * v4.channel.k8s.io}) and {@code log} (what {@link PodLogs} holds, with {@code tailLines}, {@code
 * sinceSeconds}, {@code sinceTime}, {@code timestamps} and a bounded {@code follow}).
 */
@ApplicationScoped
public class PodEndpoints implements HttpServerOptionsCustomizer {

  private static final Logger LOG = Logger.getLogger(PodEndpoints.class);
  private static final String POD_PATH =
      "/sandboxes/([^/]+)/k8s/api/v1/namespaces/([^/]+)/pods/([^/]+)/";
  private static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

  /** How long {@code kubectl logs -f} follows at most; kubectl can be run again. */
  static final long FOLLOW_MS = 10 * 60_000L;

  private static final long SESSION_CHECK_MS = 5_000L;
  private static final long STREAMS_READY_MS = 25;

  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte ERROR = 3;

  private final SandboxAuthenticator sessions;
  private final PodShell shell;
  private final PodLogs logs;
  private final IstiodLog istiod;
  private final ObjectMapper json;

  public PodEndpoints(
      SandboxAuthenticator sessions,
      PodShell shell,
      PodLogs logs,
      IstiodLog istiod,
      ObjectMapper json) {
    this.sessions = sessions;
    this.shell = shell;
    this.logs = logs;
    this.istiod = istiod;
    this.json = json;
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    offerProtocols(options);
  }

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    offerProtocols(options);
  }

  private static void offerProtocols(HttpServerOptions options) {
    List<String> offered =
        new ArrayList<>(
            options.getWebSocketSubProtocols() == null
                ? List.of()
                : options.getWebSocketSubProtocols());
    PROTOCOLS.stream().filter(p -> !offered.contains(p)).forEach(offered::add);
    options.setWebSocketSubProtocols(offered);
  }

  void routes(@Observes Router router) {
    // Before the embedded API's own routes (order -1002 on): these sub-resources are answered here.
    router.routeWithRegex(POD_PATH + "exec").order(-1010).handler(this::exec);
    router.routeWithRegex(POD_PATH + "log").order(-1010).blockingHandler(this::log, false);
  }

  private static String bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  /** The command's result, or the API error to answer instead of upgrading. */
  private record Run(PodShell.ExecResult result, KubeException refusal, List<String> command) {}

  private void exec(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String sandbox = ctx.pathParam("param0");
    String namespace = ctx.pathParam("param1");
    String pod = ctx.pathParam("param2");
    List<String> command = req.params().getAll("command");
    String container = req.getParam("container");
    boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
    String token = bearer(req);
    req.pause();
    ctx.vertx()
        .executeBlocking(
            () -> {
              try {
                sessions.authenticate(sandbox, token);
                if ("true".equals(req.getParam("stdin")) || "true".equals(req.getParam("tty"))) {
                  throw KubeException.badRequest(
                      "this simulated pod runs commands without input: drop -i and -t (kubectl"
                          + " exec POD -c CONTAINER -- COMMAND...)");
                }
                shell.container(sandbox, namespace, pod, container);
                if (!upgrade) {
                  // SPDY (kubectl before 1.30, or its fallback after a refused upgrade): refused
                  // so that it says why.
                  throw new KubeException(
                      400,
                      "BadRequest",
                      "this sandbox speaks the WebSocket remote-command protocol"
                          + " (v5.channel.k8s.io) only: use kubectl 1.30 or newer");
                }
                return new Run(
                    shell.run(sandbox, namespace, pod, container, command), null, command);
              } catch (KubeException e) {
                return new Run(null, e, command);
              }
            },
            false)
        .onComplete(
            done -> {
              if (done.failed()) {
                LOG.errorf(done.cause(), "exec in %s/%s failed", namespace, pod);
                status(ctx, new KubeException(500, "InternalError", "internal error"));
              } else if (done.result().refusal() != null) {
                status(ctx, done.result().refusal());
              } else {
                answer(ctx, done.result());
              }
            });
  }

  private void status(RoutingContext ctx, KubeException e) {
    ctx.request().resume();
    ctx.response()
        .setStatusCode(e.code())
        .putHeader("Content-Type", "application/json")
        .end(e.toStatus().toString());
  }

  private void answer(RoutingContext ctx, Run run) {
    ctx.request()
        .toWebSocket()
        // client-go creates its stdout/stderr/error streams just after the handshake and drops
        // frames that arrive before ("Unknown stream id"): give it a moment first.
        .onSuccess(ws -> ctx.vertx().setTimer(STREAMS_READY_MS, t -> stream(ws, run)))
        .onFailure(e -> LOG.debugf("exec upgrade failed: %s", e.getMessage()));
  }

  private void stream(ServerWebSocket ws, Run run) {
    PodShell.ExecResult r = run.result();
    if (!r.stdout().isEmpty()) {
      ws.writeBinaryMessage(frame(STDOUT, r.stdout()));
    }
    if (!r.stderr().isEmpty()) {
      ws.writeBinaryMessage(frame(STDERR, r.stderr()));
    }
    ws.writeBinaryMessage(frame(ERROR, exitStatus(r.exitCode(), run.command()).toString()));
    ws.close((short) 1000);
  }

  private static Buffer frame(byte channel, String text) {
    return Buffer.buffer().appendByte(channel).appendBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The metav1.Status kubectl reads on the error channel: Success, or the exit code. */
  private ObjectNode exitStatus(int exit, List<String> command) {
    ObjectNode status = json.createObjectNode();
    status.putObject("metadata");
    if (exit == 0) {
      status.put("status", "Success");
      return status;
    }
    status.put("status", "Failure");
    status.put(
        "message",
        "command terminated with non-zero exit code: error executing command "
            + command
            + ", exit code "
            + exit);
    status.put("reason", "NonZeroExitCode");
    ObjectNode cause = status.putObject("details").putArray("causes").addObject();
    cause.put("reason", "ExitCode");
    cause.put("message", String.valueOf(exit));
    return status;
  }

  private void log(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String sandbox = ctx.pathParam("param0");
    String namespace = ctx.pathParam("param1");
    String pod = ctx.pathParam("param2");
    try {
      sessions.authenticate(sandbox, bearer(req));
      Integer tail = number(req.getParam("tailLines"), "tailLines");
      Instant since = since(req);
      String container = shell.container(sandbox, namespace, pod, req.getParam("container"));
      shell.catchUp(sandbox, namespace, pod, container);
      boolean timestamps = "true".equals(req.getParam("timestamps"));
      var response = ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain");
      StringBuilder text = new StringBuilder();
      for (PodLogs.Line l : istiod.read(sandbox, namespace, pod, container, tail, since)) {
        text.append(render(l, timestamps));
      }
      if (!"true".equals(req.getParam("follow"))) {
        response.end(text.toString());
        return;
      }
      response.setChunked(true);
      response.write(text.toString());
      follow(ctx, sandbox, namespace, pod, container, timestamps);
    } catch (KubeException e) {
      status(ctx, e);
    }
  }

  /** Streams new lines until the client leaves, the session ends or {@link #FOLLOW_MS} pass. */
  private void follow(
      RoutingContext ctx,
      String sandbox,
      String namespace,
      String pod,
      String container,
      boolean timestamps) {
    var response = ctx.response();
    AtomicBoolean ended = new AtomicBoolean();
    AutoCloseable subscription =
        logs.follow(
            sandbox,
            namespace,
            pod,
            container,
            line -> {
              if (!ended.get()) {
                response.write(render(line, timestamps));
              }
            });
    var vertx = ctx.vertx();
    long[] timers = new long[2];
    Runnable end =
        () -> {
          if (ended.compareAndSet(false, true)) {
            vertx.cancelTimer(timers[0]);
            vertx.cancelTimer(timers[1]);
            try {
              subscription.close();
            } catch (Exception e) {
              LOG.debug("closing a log follower failed", e);
            }
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          }
        };
    response.closeHandler(v -> end.run());
    timers[0] = vertx.setTimer(FOLLOW_MS, t -> end.run());
    timers[1] =
        vertx.setPeriodic(
            SESSION_CHECK_MS,
            t ->
                vertx
                    .executeBlocking(() -> sessions.whyGone(sandbox).isPresent(), false)
                    .onSuccess(
                        gone -> {
                          if (gone) {
                            end.run();
                          }
                        }));
  }

  private static String render(PodLogs.Line line, boolean timestamps) {
    return (timestamps ? line.at() + " " : "") + line.text() + "\n";
  }

  private static Integer number(String value, String name) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.matches("\\d{1,9}")) {
      throw KubeException.badRequest(name + " must be a non-negative whole number");
    }
    return Integer.parseInt(value);
  }

  private static Instant since(HttpServerRequest req) {
    Integer seconds = number(req.getParam("sinceSeconds"), "sinceSeconds");
    if (seconds != null) {
      return Instant.now().minusSeconds(seconds);
    }
    String time = req.getParam("sinceTime");
    if (time == null || time.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw KubeException.badRequest("sinceTime must be an RFC 3339 time");
    }
  }
}
