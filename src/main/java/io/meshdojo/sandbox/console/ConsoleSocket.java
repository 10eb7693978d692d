package io.meshdojo.sandbox.console;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.sandbox.SandboxStatus;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.Pages;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The lab page's terminal, {@code /api/sessions/{id}/console?lang=en|zh}: for the session's owner
 * only (anyone else is told the session does not exist, as the REST API does). An embedded sandbox
 * gets the {@link RestrictedConsole}; a kind sandbox a {@link ToolboxShell}. Messages are {@link
 * ConsoleProtocol}'s, at most {@code meshdojo.console.messages-per-second} per connection and
 * {@code meshdojo.console.max-message-bytes} each.
 */
@WebSocket(path = "/api/sessions/{id}/console")
@Authenticated
public class ConsoleSocket {

  private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);

  /** Close codes in the application range (4000–4999), named after their HTTP counterparts. */
  static final int NOT_FOUND = 4404;

  static final int NOT_READY = 4409;
  static final int SHELL_FAILED = 4502;

  /** The exit code a shell reports for a command stopped by Ctrl-C (128 + SIGINT). */
  static final int INTERRUPTED = 130;

  /** What the socket keeps for one open terminal. */
  private record Terminal(
      String username, String sessionId, Language lang, MessageRate rate, ToolboxShell shell) {}

  private final SecurityIdentity identity;
  private final Sandboxes sessions;
  private final RestrictedConsole console;
  private final MeshDojoConfig config;
  private final Map<String, Terminal> terminals = new ConcurrentHashMap<>();
  private final Map<String, ConsoleWatch.Running> watches = new ConcurrentHashMap<>();
  private final Vertx vertx;

  public ConsoleSocket(
      SecurityIdentity identity,
      Sandboxes sessions,
      RestrictedConsole console,
      MeshDojoConfig config,
      Vertx vertx) {
    this.identity = identity;
    this.sessions = sessions;
    this.console = console;
    this.config = config;
    this.vertx = vertx;
  }

  @OnOpen
  public void open(WebSocketConnection connection) {
    String id = connection.pathParam("id");
    String username = identity.getPrincipal().getName();
    Language lang = languageOf(connection.handshakeRequest().query());
    AppMessages msg = Pages.messages(lang);
    SandboxView view;
    try {
      view = sessions.view(username, id);
    } catch (NotFoundException e) {
      close(connection, NOT_FOUND, "No session '" + id + "'");
      return;
    }
    MessageRate rate = new MessageRate(config.console().messagesPerSecond(), System::nanoTime);
    if (!sessions.capabilities(view).workloads()) {
      terminals.put(connection.id(), new Terminal(username, id, lang, rate, null));
      connection.sendTextAndAwait(
          ConsoleProtocol.hello(ConsoleProtocol.RESTRICTED, msg.console_welcome()));
      return;
    }
    if (!view.status().equals(SandboxStatus.READY.name())) {
      close(connection, NOT_READY, "Sandbox " + id + " is " + view.status() + ", not READY");
      return;
    }
    ToolboxShell shell;
    try {
      shell =
          ToolboxShell.open(
              sessions.kubeconfig(username, id, null),
              80,
              24,
              bytes ->
                  connection
                      .sendBinary(Buffer.buffer(bytes))
                      .subscribe()
                      .with(ok -> {}, failure -> LOG.debugf("terminal gone: %s", failure)),
              () -> connection.close().subscribe().with(ok -> {}, failure -> {}));
    } catch (RuntimeException e) {
      LOG.warnf(e, "cannot open the toolbox shell of sandbox %s", id);
      close(connection, SHELL_FAILED, "The toolbox shell could not start: " + e.getMessage());
      return;
    }
    terminals.put(connection.id(), new Terminal(username, id, lang, rate, shell));
    connection.sendTextAndAwait(
        ConsoleProtocol.hello(ConsoleProtocol.SHELL, msg.console_shell_welcome()));
  }

  @OnTextMessage
  public void message(String text, WebSocketConnection connection) {
    Terminal terminal = terminals.get(connection.id());
    if (terminal == null) {
      return;
    }
    AppMessages msg = Pages.messages(terminal.lang());
    if (!terminal.rate().allow()) {
      connection.sendTextAndAwait(ConsoleProtocol.error(msg.console_too_fast()));
      return;
    }
    int max = config.console().maxMessageBytes();
    if (text.length() > max || text.getBytes(StandardCharsets.UTF_8).length > max) {
      connection.sendTextAndAwait(
          ConsoleProtocol.error(msg.console_message_too_large(String.valueOf(max / 1024))));
      return;
    }
    ConsoleProtocol.Incoming in = ConsoleProtocol.read(text).orElse(null);
    if (in == null) {
      connection.sendTextAndAwait(ConsoleProtocol.error(msg.console_hint_help()));
      return;
    }
    ToolboxShell shell = terminal.shell();
    switch (in.type()) {
      case "command" -> {
        if (shell != null) {
          shell.input(in.line() + "\r");
        } else {
          runCommand(terminal, in, connection);
        }
      }
      case "input" -> {
        if (shell != null) {
          shell.input(in.data());
        }
      }
      case "resize" -> {
        if (shell != null) {
          shell.resize(in.cols(), in.rows());
        }
      }
      case "interrupt" -> interrupt(connection);
      default -> throw new IllegalStateException("ConsoleProtocol.read lets only known types by");
    }
  }

  private void runCommand(
      Terminal terminal, ConsoleProtocol.Incoming in, WebSocketConnection connection) {
    ConsoleReply reply;
    try {
      reply =
          console.run(
              terminal.username(), terminal.sessionId(), in.line(), in.stdin(), terminal.lang());
    } catch (NotFoundException e) {
      close(connection, NOT_FOUND, "No session '" + terminal.sessionId() + "'");
      return;
    }
    if (reply.clear()) {
      connection.sendTextAndAwait(ConsoleProtocol.clear());
    }
    if (!reply.text().isEmpty()) {
      connection.sendTextAndAwait(ConsoleProtocol.output(reply.text()));
    }
    if (reply.editorText() != null) {
      connection.sendTextAndAwait(ConsoleProtocol.edit(reply.editorText()));
    }
    if (reply.follow() != null) {
      follow(terminal, reply, connection);
      return;
    }
    connection.sendTextAndAwait(ConsoleProtocol.exit(reply.exitCode()));
  }

  /**
   * {@code get -w} and {@code logs -f}: prints what the follow reports until its time is up (then
   * says it stopped), Ctrl-C, or the sandbox's end, and then gives the prompt back.
   */
  private void follow(Terminal terminal, ConsoleReply reply, WebSocketConnection connection) {
    ConsoleWatch.Follow follow = reply.follow();
    ConsoleWatch.Running[] started = new ConsoleWatch.Running[1];
    try {
      started[0] =
          follow.start(
              text -> send(connection, ConsoleProtocol.output(text)),
              () -> finish(connection, started[0], null, reply.exitCode()));
    } catch (KubeException e) {
      connection.sendTextAndAwait(ConsoleProtocol.output(RestrictedConsole.fromServer(e) + "\n"));
      connection.sendTextAndAwait(ConsoleProtocol.exit(1));
      return;
    }
    ConsoleWatch.Running running = started[0];
    watches.put(connection.id(), running);
    String ended = follow.ended(terminal.lang());
    vertx.setTimer(
        follow.seconds() * 1000L, id -> finish(connection, running, ended, reply.exitCode()));
  }

  /** Ctrl-C: stops what the terminal is following, as a shell's SIGINT would (exit code 130). */
  private void interrupt(WebSocketConnection connection) {
    ConsoleWatch.Running running = watches.get(connection.id());
    if (running != null) {
      finish(connection, running, null, INTERRUPTED);
    }
  }

  /**
   * Ends one follow once, whichever comes first (time, Ctrl-C, the sandbox's end): a later one
   * finds it gone, and a follow started since is not touched.
   */
  private void finish(
      WebSocketConnection connection, ConsoleWatch.Running running, String said, int code) {
    if (running == null || !watches.remove(connection.id(), running)) {
      return;
    }
    running.stop();
    var done =
        said == null
            ? connection.sendText(ConsoleProtocol.exit(code))
            : connection
                .sendText(ConsoleProtocol.output(said + "\n"))
                .chain(() -> connection.sendText(ConsoleProtocol.exit(code)));
    done.subscribe().with(ok -> {}, failure -> LOG.debugf("terminal gone: %s", failure));
  }

  private static void send(WebSocketConnection connection, String message) {
    connection
        .sendText(message)
        .subscribe()
        .with(ok -> {}, failure -> LOG.debugf("terminal gone: %s", failure));
  }

  /**
   * Anything unforeseen while handling a message (a shell gone mid-keystroke, a failed write) is
   * logged and told to the page, which gets its prompt back, instead of dropping the connection.
   */
  @OnError
  public void failed(RuntimeException e, WebSocketConnection connection) {
    LOG.warnf(e, "terminal of session %s", connection.pathParam("id"));
    Terminal terminal = terminals.get(connection.id());
    Language lang = terminal == null ? Language.EN : terminal.lang();
    connection.sendTextAndAwait(
        ConsoleProtocol.error(Pages.messages(lang).lab_error() + " " + e.getMessage()));
  }

  @OnClose
  public void closed(WebSocketConnection connection) {
    Terminal terminal = terminals.remove(connection.id());
    ConsoleWatch.Running watch = watches.remove(connection.id());
    if (watch != null) {
      watch.stop();
    }
    if (terminal != null && terminal.shell() != null) {
      terminal.shell().close();
    }
  }

  private static void close(WebSocketConnection connection, int code, String reason) {
    connection.closeAndAwait(new CloseReason(code, closeReason(reason)));
  }

  /** A WebSocket close reason holds at most 123 bytes of UTF-8. */
  static String closeReason(String reason) {
    String cut = reason;
    while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
  }

  static Language languageOf(String query) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("lang=")) {
          return Language.fromCode(pair.substring(5)).orElse(Language.EN);
        }
      }
    }
    return Language.EN;
  }
}
