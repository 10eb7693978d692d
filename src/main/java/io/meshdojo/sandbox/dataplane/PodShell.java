package io.meshdojo.sandbox.dataplane;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxSession;
import io.meshdojo.sandbox.dataplane.SandboxPicture.Container;
import io.meshdojo.sandbox.dataplane.SandboxPicture.Pod;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.PerSandboxVersion;
import io.meshdojo.sandbox.embedded.controllers.ControllerManager;
import io.meshdojo.sandbox.metrics.PrometheusApi;
import io.meshdojo.sandbox.metrics.ProxyStats;
import io.meshdojo.sandbox.metrics.SandboxMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a command in a simulated pod of an embedded sandbox: the entry point for {@code kubectl
 * exec} and the lab page's terminal. Nothing runs on the server: a small interpreter ({@link
 * Shell}) reads the command, and requests are answered by the mesh model ({@link MeshNetwork}).
 * Blocking (reads the sandbox's objects); call it off the event loop.
 */
@ApplicationScoped
public class PodShell {

  /** What the command printed and its exit status. */
  public record ExecResult(String stdout, String stderr, int exitCode) {}

  /** Exit status of a command the simulated shell stopped at one of its limits. */
  public static final int LIMIT_EXIT = 124;

  private static final Logger LOG = Logger.getLogger(PodShell.class);
  private static final int MAX_CACHED = 200;

  private final ObjectStore store;
  private final Spread spread;
  private final PodLogs logs;
  private final MeshDojoConfig config;
  private final RateBuckets buckets;
  private final EnvironmentCatalog environments;
  private final EntityManager entities;
  private final MeshNetwork.Observers observers;
  private final DubboConsumerLoop consumer;
  private final ControllerManager controllers;
  private final SandboxTraffic traffic;

  /** Per sandbox, its picture at one resourceVersion; least recently used first out. */
  private final PerSandboxVersion<SandboxPicture> pictures;

  public PodShell(
      ObjectStore store,
      Spread spread,
      PodLogs logs,
      MeshDojoConfig config,
      RateBuckets buckets,
      EnvironmentCatalog environments,
      EntityManager entities,
      SandboxMetrics metrics,
      PrometheusApi prometheus,
      DubboConsumerLoop consumer,
      ControllerManager controllers,
      SandboxTraffic traffic) {
    this.store = store;
    this.traffic = traffic;
    this.controllers = controllers;
    this.spread = spread;
    this.logs = logs;
    this.config = config;
    this.buckets = buckets;
    this.environments = environments;
    this.entities = entities;
    this.observers = new MeshNetwork.Observers(metrics, prometheus);
    this.consumer = consumer;
    this.pictures =
        new PerSandboxVersion<>(
            store, MAX_CACHED, (sandbox, objects) -> SandboxPicture.of(objects, calls(sandbox)));
  }

  /**
   * Runs {@code argv} in the container as the container runtime would (the first word is the
   * program; {@code sh -c '...'} reads a script).
   *
   * @param container null picks the only container, or fails as the API does when there are more
   * @throws KubeException NotFound for a missing pod, BadRequest for a wrong container
   */
  @ActivateRequestContext
  public ExecResult run(
      String sandboxId, String namespace, String pod, String container, List<String> argv) {
    if (argv.isEmpty()) {
      throw KubeException.badRequest("you must specify at least one command for the container");
    }
    return execute(
        sandboxId,
        namespace,
        pod,
        container,
        (shell, io) -> {
          if (!shell.hasProgram(argv.get(0))) {
            io.err.append(
                "OCI runtime exec failed: exec failed: unable to start container process: exec: \""
                    + argv.get(0)
                    + "\": executable file not found in $PATH: unknown\n");
            return 127;
          }
          return shell.runProgram(argv, io);
        });
  }

  /** Runs a command line as the container's {@code sh -c} would (the web terminal's form). */
  @ActivateRequestContext
  public ExecResult runLine(
      String sandboxId, String namespace, String pod, String container, String commandLine) {
    return execute(
        sandboxId, namespace, pod, container, (shell, io) -> shell.runScript(commandLine, io));
  }

  /**
   * The container a request names, checked as the API checks it: null picks the only one.
   *
   * @throws KubeException NotFound for a missing pod, BadRequest for a wrong or missing container
   */
  @ActivateRequestContext
  public String container(String sandboxId, String namespace, String pod, String container) {
    return container(find(picture(sandboxId), namespace, pod), container).name();
  }

  /**
   * Lets the pod's application loop log what it did up to now, before its log is read: the
   * simulated sandbox runs no application, so the Dubbo consumer's calls are logged when asked for.
   */
  @ActivateRequestContext
  public void catchUp(String sandboxId, String namespace, String podName, String container) {
    SandboxPicture picture = picture(sandboxId);
    Pod pod = find(picture, namespace, podName);
    if (DubboConsumerLoop.runsIn(pod, container)) {
      consumer.catchUp(sandboxId, picture, pod, container, Instant.now());
    }
  }

  private interface Body {
    int run(Shell shell, Shell.Io io);
  }

  private ExecResult execute(
      String sandboxId, String namespace, String podName, String containerName, Body body) {
    SandboxPicture picture = picture(sandboxId);
    Pod pod = find(picture, namespace, podName);
    Container container = container(pod, containerName);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Shell.Budget budget = new Shell.Budget(config.console().maxOutputBytes(), out);
    Instant start = Instant.now();
    Map<String, Shell.Program> programs = new LinkedHashMap<>();
    TextPrograms.install(programs, files(pod));
    programs.put("xargs", new Xargs());
    MeshNetwork network =
        new MeshNetwork(
            sandboxId, picture, pod, spread, logs, observers, start, budget::elapsedMs, buckets);
    programs.put("curl", new Curl(network));
    if (container.name().equals("fortio")) {
      programs.put("fortio", new Fortio(network));
    }
    if (container.name().equals("istio-proxy")) {
      programs.put("pilot-agent", (sh, args, io) -> pilotAgent(sandboxId, pod, args, io));
    }
    Shell shell = new Shell(programs, environment(pod, container), budget);
    int exit;
    try {
      exit = body.run(shell, new Shell.Io("", out, err));
    } catch (Shell.LimitReached e) {
      err.append(e.getMessage()).append('\n');
      exit = LIMIT_EXIT;
    } finally {
      // What the command's requests left behind reaches the other replicas when it ends.
      traffic.flush();
    }
    if (!network.learned().isEmpty()) {
      // Slime's lazyload learns from the requests that went through the global-sidecar; what it
      // fails to write is lost, as an access log line Slime missed, and the command stands.
      try {
        controllers.lazyloadLearned(sandboxId, network.learned());
      } catch (RuntimeException e) {
        LOG.warnf(e, "lazyload in %s could not learn %s", sandboxId, network.learned());
      }
    }
    return new ExecResult(out.toString(), err.toString(), exit);
  }

  /**
   * {@code pilot-agent request GET stats[/prometheus]}: the Istio metrics this proxy reported
   * ({@link ProxyStats}); the rest of Envoy's admin API is refused with a pointer to istioctl.
   */
  private int pilotAgent(String sandboxId, Pod pod, List<String> args, Shell.Io io) {
    if (args.size() == 3 && args.get(0).equals("request") && args.get(1).equals("GET")) {
      String path = args.get(2).replaceFirst("^/", "");
      SandboxMetrics metrics = observers.metrics();
      if (path.equals("stats/prometheus") || path.equals("stats?format=prometheus")) {
        io.out.append(ProxyStats.prometheus(metrics, sandboxId, pod.namespace(), pod.name()));
        return 0;
      }
      if (path.equals("stats")) {
        io.out.append(ProxyStats.text(metrics, sandboxId, pod.namespace(), pod.name()));
        return 0;
      }
    }
    io.err.append(
        "meshdojo: this simulated proxy answers only pilot-agent request GET stats/prometheus"
            + " and GET stats (the Istio metrics it reported); the rest of Envoy's admin API is not"
            + " simulated. Use istioctl in the lab page's terminal instead: istioctl proxy-config"
            + " routes|clusters|listeners|endpoints POD.NAMESPACE, or istioctl proxy-status.\n");
    return 1;
  }

  private SandboxPicture picture(String sandboxId) {
    return pictures.of(sandboxId);
  }

  /** The call graph of the sandbox's environment; none for a sandbox the catalogue cannot name. */
  private List<Environment.Call> calls(String sandboxId) {
    SandboxSession session = entities.find(SandboxSession.class, sandboxId);
    return session == null
        ? List.of()
        : environments.find(session.environment).map(Environment::calls).orElse(List.of());
  }

  private static Pod find(SandboxPicture picture, String namespace, String name) {
    return picture
        .pod(namespace, name)
        .orElseThrow(
            () -> KubeException.notFound(ApiCatalog.find("", "v1", "pods").orElseThrow(), name));
  }

  private static Container container(Pod pod, String name) {
    if (name == null || name.isEmpty()) {
      if (pod.containers().size() == 1) {
        return pod.containers().get(0);
      }
      throw KubeException.badRequest(
          "a container name must be specified for pod "
              + pod.name()
              + ", choose one of: "
              + pod.containers().stream().map(Container::name).toList());
    }
    return pod.container(name)
        .orElseThrow(
            () ->
                KubeException.badRequest(
                    "container " + name + " is not valid for pod " + pod.name()));
  }

  private static Map<String, String> environment(Pod pod, Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("HOSTNAME", pod.name());
    env.put("HOME", "/root");
    env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    env.put("KUBERNETES_SERVICE_PORT", "443");
    env.put("KUBERNETES_SERVICE_PORT_HTTPS", "443");
    env.putAll(container.env());
    return env;
  }

  private static Map<String, String> files(Pod pod) {
    return Map.of(
        "/etc/resolv.conf",
        "search "
            + pod.namespace()
            + ".svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n"
            + "options ndots:5\n",
        "/etc/hostname",
        pod.name() + "\n",
        "/etc/hosts",
        "127.0.0.1\tlocalhost\n" + pod.ip() + "\t" + pod.name() + "\n");
  }
}
