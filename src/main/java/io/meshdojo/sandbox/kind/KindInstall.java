package io.meshdojo.sandbox.kind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real kind sandbox of one environment contains, as read from {@code infra/kind/<env>.yaml}.
 * Plain data: the order in which it is installed is {@link InstallPlan}'s business. Paths are
 * relative to the infra directory.
 */
public record KindInstall(
    String environment,
    Node node,
    Istio istio,
    List<Addon> addons,
    Slime slime,
    Aeraki aeraki,
    Toolbox toolbox,
    Baseline baseline,
    List<Readiness> readiness) {

  /**
   * The Istio line each Aeraki minor release is built for (Aeraki's compatibility table). Aeraki's
   * meta-protocol proxy replaces the sidecar, so any other pairing breaks the data plane.
   */
  static final Map<String, String> AERAKI_ISTIO_LINE =
      Map.of("1.4", "1.18", "1.3", "1.16", "1.2", "1.14", "1.1", "1.12", "1.0", "1.10");

  public KindInstall {
    addons = addons == null ? List.of() : List.copyOf(addons);
    readiness = readiness == null ? List.of() : List.copyOf(readiness);
  }

  /** The kind node: Kubernetes version and the node image, pinned by tag. */
  public record Node(String kubernetes, String image) {}

  /** Istio installed from its three Helm charts at one pinned version. */
  public record Istio(
      String version,
      String line,
      String chartRepository,
      Chart base,
      Chart istiod,
      Chart gateway,
      String revision) {

    /** An unrevisioned install. */
    public Istio(
        String version,
        String line,
        String chartRepository,
        Chart base,
        Chart istiod,
        Chart gateway) {
      this(version, line, chartRepository, base, istiod, gateway, "");
    }
  }

  /** One Helm release: its name, namespace and values file. */
  public record Chart(String release, String namespace, String values) {}

  /** An extra manifest applied after Istio (e.g. an observability add-on), then waited for. */
  public record Addon(String name, String namespace, String manifest) {}

  /** Slime: the slime-boot operator, then one SlimeBoot per module. */
  public record Slime(
      String version, String namespace, String crds, String operator, List<SlimeModule> modules) {
    public Slime {
      modules = modules == null ? List.of() : List.copyOf(modules);
    }
  }

  /** A Slime module: slime-boot deploys a Deployment with the module's name. */
  public record SlimeModule(String name, String manifest) {}

  /** Aeraki's control plane, its bootstrap config for the proxies, and the demo applications. */
  public record Aeraki(
      String version,
      String metaProtocolProxy,
      String namespace,
      String crds,
      String controlPlane,
      String bootstrapConfig,
      List<Demo> demos) {
    public Aeraki {
      demos = demos == null ? List.of() : List.copyOf(demos);
    }
  }

  /** A demo application applied into its own injected namespace. */
  public record Demo(String namespace, String manifest) {}

  /** The learner's toolbox: RBAC first, then the pod. */
  public record Toolbox(String rbac, String pod) {}

  /** The environment's baseline workloads (a directory under infra/environments/). */
  public record Baseline(String path, String namespace) {}

  /**
   * A condition the sandbox must reach before it is handed out: {@code kubectl wait} on one
   * resource by name, by label selector, or on all of that kind in the namespace.
   */
  public record Readiness(
      String namespace,
      String resource,
      String name,
      String selector,
      String condition,
      String timeout) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh])");

    /** The timeout, written as in kubectl: {@code 90s}, {@code 5m}, {@code 1h}. */
    public Duration timeoutDuration() {
      Matcher m = DURATION.matcher(timeout == null ? "" : timeout);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "readiness timeout must look like 90s, 5m or 1h, not '" + timeout + "'");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }

  /**
   * This install in its environment: the Kubernetes node and the Istio version come from the one
   * definition in {@code infra/environments/<name>.yaml}, never from the kind file.
   *
   * @throws IllegalArgumentException when the kind file writes a version itself
   */
  public KindInstall inEnvironment(io.meshdojo.grader.api.Environment env) {
    if (node != null) {
      fail("remove 'node': the node comes from infra/environments/" + env.name() + ".yaml");
    }
    if (istio != null && (istio.version() != null || istio.line() != null)) {
      fail(
          "remove istio.version and istio.line: the version comes from infra/environments/"
              + env.name()
              + ".yaml");
    }
    Node envNode = new Node(env.kubernetesVersion().replaceFirst("^v", ""), env.kindNodeImage());
    Istio envIstio =
        istio == null
            ? null
            : new Istio(
                env.istioVersion(),
                minorLine(env.istioVersion()),
                istio.chartRepository(),
                istio.base(),
                istio.istiod(),
                istio.gateway(),
                env.istioRevision());
    return new KindInstall(
        environment, envNode, envIstio, addons, slime, aeraki, toolbox, baseline, readiness);
  }

  /**
   * Checks what the YAML cannot: required parts present, versions consistent (the Istio line is the
   * version's major.minor; Aeraki only with the Istio line it supports), timeouts readable.
   *
   * @throws IllegalArgumentException naming the environment and the problem
   */
  public KindInstall validated() {
    require(environment, "environment");
    require(node, "node");
    require(node.kubernetes(), "node.kubernetes");
    require(node.image(), "node.image");
    require(istio, "istio");
    require(istio.version(), "istio.version");
    require(istio.chartRepository(), "istio.chartRepository");
    for (Chart chart : List.of(istio.base(), istio.istiod(), istio.gateway())) {
      require(chart, "istio chart");
      require(chart.release(), "istio chart release");
      require(chart.namespace(), "istio chart namespace");
      require(chart.values(), "istio chart values");
    }
    if (!Objects.equals(minorLine(istio.version()), istio.line())) {
      fail("istio.line " + istio.line() + " does not match istio.version " + istio.version());
    }
    if (aeraki != null) {
      String needed = AERAKI_ISTIO_LINE.get(minorLine(aeraki.version()));
      if (needed == null) {
        fail("Aeraki " + aeraki.version() + " has no known Istio line");
      }
      if (!needed.equals(istio.line())) {
        fail(
            "Aeraki "
                + aeraki.version()
                + " supports only Istio "
                + needed
                + ", not "
                + istio.line());
      }
      if (!Objects.equals(minorLine(aeraki.metaProtocolProxy()), minorLine(aeraki.version()))) {
        fail(
            "meta-protocol-proxy "
                + aeraki.metaProtocolProxy()
                + " does not belong to Aeraki "
                + aeraki.version());
      }
    }
    require(toolbox, "toolbox");
    require(baseline, "baseline");
    for (Readiness r : readiness) {
      require(r.namespace(), "readiness.namespace");
      require(r.resource(), "readiness.resource");
      require(r.condition(), "readiness.condition");
      if (r.name() != null && r.selector() != null) {
        fail("readiness on " + r.resource() + " names both a name and a selector");
      }
      try {
        r.timeoutDuration();
      } catch (IllegalArgumentException e) {
        fail(e.getMessage());
      }
    }
    return this;
  }

  /** "1.26.3" → "1.26". */
  static String minorLine(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.split("\\.");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }

  private void require(Object value, String what) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      fail(what + " is missing");
    }
  }

  private void fail(String problem) {
    throw new IllegalArgumentException("kind install of '" + environment + "': " + problem);
  }
}
