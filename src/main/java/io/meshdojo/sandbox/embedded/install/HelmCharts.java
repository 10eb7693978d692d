package io.meshdojo.sandbox.embedded.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.Manifests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Istio's Helm charts {@code istio/base}, {@code istio/istiod} and {@code istio/gateway} as plans,
 * the way {@link IstioInstaller} plans an istioctl install. The istiod chart's values are the
 * IstioOperator's {@code values} (with {@code revision} and {@code meshConfig} lifted to the spec),
 * so they go through {@link OperatorSpec} and {@link IstioInstaller}: one translation into the
 * install's objects, whichever tool asked. Helm's own part is kept as Helm keeps it: releases are
 * Secrets {@code sh.helm.release.v1.NAME.vN} of type {@code helm.sh/release.v1}, whose payload is
 * the gzipped, base64-encoded release (name, chart, values, rendered manifest, status), and the
 * objects a release owns carry Helm's ownership label and annotations.
 *
 * @see <a href="https://istio.io/latest/docs/setup/install/helm/">Install with Helm</a>
 */
public final class HelmCharts {

  public static final String REPOSITORY = "istio";
  public static final List<String> CHARTS = List.of("base", "istiod", "gateway");
  static final String RELEASE_TYPE = "helm.sh/release.v1";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String RELEASE_NAME = "meta.helm.sh/release-name";
  static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

  /** The gateway chart's top-level values, the only ones its values.schema.json accepts. */
  private static final Set<String> GATEWAY_VALUES =
      Set.of(
          "_internal_defaults_do_not_set",
          "global",
          "profile",
          "revision",
          "pilot",
          "affinity",
          "securityContext",
          "containerSecurityContext",
          "kind",
          "annotations",
          "autoscaling",
          "env",
          "strategy",
          "minReadySeconds",
          "readinessProbe",
          "labels",
          "name",
          "nodeSelector",
          "podAnnotations",
          "replicaCount",
          "resources",
          "compatibilityVersion",
          "runAsRoot",
          "unprivilegedPort",
          "service",
          "serviceAccount",
          "rbac",
          "tolerations",
          "topologySpreadConstraints",
          "networkGateway",
          "imagePullPolicy",
          "imagePullSecrets",
          "podDisruptionBudget",
          "terminationGracePeriodSeconds",
          "volumes",
          "volumeMounts",
          "priorityClassName",
          "lifecycle");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter DEPLOYED =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter UPDATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS '+0000 UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * An install or upgrade.
   *
   * @param values the {@code -f} values with each {@code --set} over them
   * @param valuesGiven whether any {@code -f} or {@code --set} was given (an upgrade without any
   *     reuses the last release's values, as Helm 3 does)
   */
  public record Request(
      boolean upgrade,
      boolean installIfMissing,
      String release,
      String chart,
      String namespace,
      boolean createNamespace,
      String version,
      ObjectNode values,
      boolean valuesGiven,
      boolean reuseValues) {}

  /** One stored revision of a release, read back from its Secret. */
  public record Release(
      String name,
      String namespace,
      int version,
      String status,
      String chart,
      ObjectNode config,
      String manifest,
      String deployed,
      String description) {}

  private final String chartVersion;

  /**
   * @param chartVersion the Istio version of the sandbox's environment: the charts' version
   */
  public HelmCharts(String chartVersion) {
    this.chartVersion = chartVersion;
  }

  /** {@code helm install} or {@code helm upgrade [--install]}. */
  public IstioInstaller.Plan install(Request r, List<ObjectNode> objects, Instant now) {
    String failed = r.upgrade() ? "UPGRADE FAILED: " : "INSTALLATION FAILED: ";
    try {
      return installOrUpgrade(r, objects, now);
    } catch (InstallRefused e) {
      throw new InstallRefused("Error: " + failed + e.getMessage().replaceFirst("^Error: ", ""));
    }
  }

  private IstioInstaller.Plan installOrUpgrade(Request r, List<ObjectNode> objects, Instant now) {
    String chart = chartName(r.chart(), r.version());
    List<Release> history = history(objects, r.release(), r.namespace());
    Optional<Release> deployed =
        history.stream().filter(h -> h.status().equals("deployed")).findFirst();
    boolean upgrade = r.upgrade() && deployed.isPresent();
    if (!r.upgrade() && deployed.isPresent()) {
      throw new InstallRefused("cannot re-use a name that is still in use");
    }
    if (r.upgrade() && deployed.isEmpty() && !r.installIfMissing()) {
      throw new InstallRefused("\"" + r.release() + "\" has no deployed releases");
    }
    ObjectNode values = r.values().deepCopy();
    if (upgrade && (r.reuseValues() || !r.valuesGiven())) {
      values = deployed.get().config().deepCopy();
      merge(values, r.values());
    }
    List<ObjectNode> writes = new ArrayList<>();
    boolean namespaceExists =
        objects.stream()
            .anyMatch(
                o ->
                    o.path("kind").asText().equals("Namespace")
                        && o.path("metadata").path("name").asText().equals(r.namespace()));
    if (!namespaceExists) {
      if (!r.createNamespace()) {
        throw new InstallRefused(
            "create: failed to create: namespaces \"" + r.namespace() + "\" not found");
      }
      ObjectNode ns = InstallManifests.object("v1", "Namespace");
      ns.putObject("metadata").put("name", r.namespace());
      writes.add(ns);
    }
    List<ObjectNode> rendered = render(chart, r.release(), r.namespace(), values, objects);
    for (ObjectNode o : rendered) {
      owned(o, r.release(), r.namespace());
      checkOwnership(o, r.release(), r.namespace(), objects);
    }
    writes.addAll(rendered);
    String manifest = manifest(rendered);
    int version = history.stream().mapToInt(Release::version).max().orElse(0) + 1;
    List<IstioInstaller.Ref> deletes = new ArrayList<>();
    if (upgrade) {
      deletes.addAll(pruned(deployed.get().manifest(), rendered));
      writes.add(secret(superseded(deployed.get())));
    }
    Release release =
        new Release(
            r.release(),
            r.namespace(),
            version,
            "deployed",
            chart,
            values,
            manifest,
            now.toString(),
            upgrade ? "Upgrade complete" : "Install complete");
    writes.add(secret(release));
    StringBuilder out = new StringBuilder();
    if (upgrade) {
      out.append("Release \"").append(r.release()).append("\" has been upgraded. Happy Helming!\n");
    }
    out.append(status(release));
    out.append("NOTES:\n").append(notes(chart, r.release(), r.namespace()));
    return new IstioInstaller.Plan(writes, deletes, out.toString());
  }

  private String chartName(String reference, String version) {
    int slash = reference.indexOf('/');
    if (slash < 0) {
      throw new InstallRefused(
          "non-absolute URLs should be in form of repo_name/path_to_chart, got: " + reference);
    }
    String repo = reference.substring(0, slash);
    String chart = reference.substring(slash + 1);
    if (!repo.equals(REPOSITORY)) {
      throw new InstallRefused("repo " + repo + " not found");
    }
    if (!CHARTS.contains(chart)) {
      throw new InstallRefused(
          "chart \""
              + chart
              + "\" matching "
              + (version == null ? "" : version)
              + " not found in istio index. (try 'helm repo update'): no chart name found");
    }
    if (version != null && !version.equals(chartVersion)) {
      throw new InstallRefused(
          "chart \""
              + chart
              + "\" matching "
              + version
              + " not found in istio index. (try 'helm repo update'): no chart version found for "
              + chart
              + "-"
              + version);
    }
    return chart;
  }

  private List<ObjectNode> render(
      String chart, String release, String namespace, ObjectNode values, List<ObjectNode> objects) {
    return switch (chart) {
      // The CRDs and the validating webhook of base are not objects the sandbox models: it knows
      // Istio's kinds already. The release is recorded all the same.
      case "base" -> List.of();
      case "istiod" -> istiod(namespace, values, objects);
      default -> gateway(release, namespace, values, objects);
    };
  }

  /**
   * The istiod chart: its values become an IstioOperator of the gateway-less {@code minimal}
   * profile, rendered by the istioctl installer; the installer's record of an istioctl install and
   * its pruning of gateways are istioctl's, not Helm's, and are left out.
   */
  private List<ObjectNode> istiod(String namespace, ObjectNode values, List<ObjectNode> objects) {
    if (!namespace.equals(ControlPlane.SYSTEM)) {
      throw new InstallRefused(
          "the embedded sandbox runs istiod in "
              + ControlPlane.SYSTEM
              + " only (-n "
              + namespace
              + ")");
    }
    ObjectNode operator = InstallManifests.object("install.istio.io/v1alpha1", "IstioOperator");
    ObjectNode spec = operator.putObject("spec");
    spec.put("profile", "minimal");
    ObjectNode rest = values.deepCopy();
    JsonNode revision = rest.remove("revision");
    if (revision != null && !revision.asText("").isEmpty()) {
      spec.put("revision", revision.asText());
    }
    JsonNode mesh = rest.remove("meshConfig");
    if (mesh instanceof ObjectNode m) {
      spec.set("meshConfig", m);
    }
    rest.remove("profile");
    spec.set("values", rest);
    OperatorSpec operatorSpec = OperatorSpec.of(operator, List.of(), null);
    IstioInstaller.Plan plan =
        new IstioInstaller(chartVersion).install(operatorSpec, new ControlPlane(objects));
    return plan.writes().stream()
        .filter(o -> !o.path("kind").asText().equals("IstioOperator"))
        .toList();
  }

  /**
   * The gateway chart: a Deployment, Service and ServiceAccount named after the release (or the
   * {@code name} value), labelled {@code app: NAME} and {@code istio: NAME without "istio-"} unless
   * {@code labels} says otherwise. Its pods are injected with the gateway template; the embedded
   * sandbox writes the injected proxy's image directly.
   */
  private List<ObjectNode> gateway(
      String release, String namespace, ObjectNode values, List<ObjectNode> objects) {
    List<String> unknown = new ArrayList<>();
    values
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!GATEWAY_VALUES.contains(f)) {
                unknown.add(f);
              }
            });
    if (!unknown.isEmpty()) {
      StringBuilder message =
          new StringBuilder(
              "values don't meet the specifications of the schema(s) in the following"
                  + " chart(s):\ngateway:");
      unknown.forEach(
          f ->
              message
                  .append("\n- (root): Additional property ")
                  .append(f)
                  .append(" is not allowed"));
      throw new InstallRefused(message.toString());
    }
    String name = values.path("name").asText("");
    if (name.isEmpty()) {
      name = release;
    }
    String revision = values.path("revision").asText("");
    JsonNode labelValues = values.path("labels");
    String app = labelValues.path("app").asText(name);
    String istio = labelValues.path("istio").asText(name.replaceFirst("^istio-", ""));
    ControlPlane current = new ControlPlane(objects);
    String running = current.revisions().get(InstallManifests.revLabel(revision));
    String image = running == null ? "auto" : "docker.io/istio/proxyv2:" + running;
    boolean autoscaling = values.path("autoscaling").path("enabled").asBoolean(true);
    // Without an HPA in the sandbox, the Deployment asks for what the HPA would keep at rest.
    int replicas =
        autoscaling
            ? values.path("autoscaling").path("minReplicas").asInt(1)
            : values.path("replicaCount").asInt(1);
    if (replicas < 0 || replicas > 10) {
      throw new InstallRefused(
          "the embedded sandbox runs between 0 and 10 replicas of a gateway, not " + replicas);
    }
    ObjectNode selector = JSON.objectNode().put("app", app).put("istio", istio);
    ObjectNode podLabels = selector.deepCopy();
    labelValues
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("app") && !e.getKey().equals("istio")) {
                podLabels.put(e.getKey(), e.getValue().asText());
              }
            });
    podLabels.put("sidecar.istio.io/inject", "true");
    if (!revision.isEmpty()) {
      podLabels.put(ControlPlane.REV, revision);
    }
    String serviceAccount =
        values.path("serviceAccount").path("name").asText("").isEmpty()
            ? name
            : values.path("serviceAccount").path("name").asText();
    List<ObjectNode> out = new ArrayList<>();
    if (values.path("serviceAccount").path("create").asBoolean(true)) {
      out.add(InstallManifests.serviceAccount(serviceAccount, app, revision));
      out.get(0).with("metadata").put("namespace", namespace);
    }
    String serviceType = values.path("service").path("type").asText("LoadBalancer");
    if (!serviceType.equals("None")) {
      ObjectNode svc = InstallManifests.object("v1", "Service");
      InstallManifests.metadata(svc, name, namespace, app, revision)
          .with("labels")
          .put("istio", istio);
      ObjectNode spec = svc.putObject("spec");
      spec.put("type", serviceType);
      spec.set("selector", selector.deepCopy());
      ArrayNode ports = spec.putArray("ports");
      InstallManifests.port(ports, "status-port", 15021, 15021);
      InstallManifests.port(ports, "http2", 80, 80);
      InstallManifests.port(ports, "https", 443, 443);
      out.add(svc);
    }
    ObjectNode d = InstallManifests.object("apps/v1", "Deployment");
    InstallManifests.metadata(d, name, namespace, app, revision).with("labels").put("istio", istio);
    ObjectNode container =
        InstallManifests.deployment(d, replicas, selector, serviceAccount, "istio-proxy", image);
    ObjectNode template = (ObjectNode) d.at("/spec/template/metadata");
    template.set("labels", podLabels);
    template
        .putObject("annotations")
        .put("inject.istio.io/templates", "gateway")
        .put("sidecar.istio.io/inject", "true")
        .put("prometheus.io/port", "15020")
        .put("prometheus.io/scrape", "true")
        .put("prometheus.io/path", "/stats/prometheus");
    container.putArray("args").add("proxy").add("router");
    container
        .putArray("ports")
        .addObject()
        .put("name", "http-envoy-prom")
        .put("containerPort", 15090)
        .put("protocol", "TCP");
    out.add(d);
    return out;
  }

  /** Helm's ownership marks, in place of the istioctl install's. */
  private static void owned(ObjectNode o, String release, String namespace) {
    ObjectNode meta = o.with("metadata");
    ObjectNode labels = meta.with("labels");
    labels.remove("install.operator.istio.io/owning-resource");
    labels.put(MANAGED_BY, "Helm");
    meta.with("annotations").put(RELEASE_NAME, release).put(RELEASE_NAMESPACE, namespace);
  }

  /** Helm adopts nothing it did not create: an existing object must carry this release's marks. */
  private static void checkOwnership(
      ObjectNode o, String release, String namespace, List<ObjectNode> objects) {
    Optional<ObjectNode> existing = find(objects, ref(o));
    if (existing.isEmpty() || o.path("kind").asText().equals("Namespace")) {
      return;
    }
    JsonNode meta = existing.get().path("metadata");
    List<String> problems = new ArrayList<>();
    expect(problems, "label", meta.path("labels"), MANAGED_BY, "Helm");
    expect(problems, "annotation", meta.path("annotations"), RELEASE_NAME, release);
    expect(problems, "annotation", meta.path("annotations"), RELEASE_NAMESPACE, namespace);
    if (!problems.isEmpty()) {
      IstioInstaller.Ref ref = ref(o);
      throw new InstallRefused(
          "rendered manifests contain a resource that already exists. Unable to continue with"
              + " install: "
              + ref.kind()
              + " \""
              + ref.name()
              + "\""
              + (ref.namespace().isEmpty() ? "" : " in namespace \"" + ref.namespace() + "\"")
              + " exists and cannot be imported into the current release: invalid ownership"
              + " metadata; "
              + String.join("; ", problems));
    }
  }

  private static void expect(
      List<String> problems, String what, JsonNode map, String key, String value) {
    if (!map.has(key)) {
      problems.add(
          what
              + " validation error: missing key \""
              + key
              + "\": must be set to \""
              + value
              + "\"");
    } else if (!map.path(key).asText().equals(value)) {
      problems.add(
          what
              + " validation error: key \""
              + key
              + "\" must equal \""
              + value
              + "\": current value is \""
              + map.path(key).asText()
              + "\"");
    }
  }

  /** {@code helm uninstall}: the last release's objects and every revision's record. */
  public IstioInstaller.Plan uninstall(String name, String namespace, List<ObjectNode> objects) {
    List<Release> history = history(objects, name, namespace);
    if (history.isEmpty()) {
      throw new InstallRefused(
          "Error: uninstall: Release not loaded: " + name + ": release: not found");
    }
    List<IstioInstaller.Ref> deletes = new ArrayList<>(refs(history.get(0).manifest()));
    for (Release h : history) {
      deletes.add(new IstioInstaller.Ref("Secret", namespace, secretName(name, h.version())));
    }
    return new IstioInstaller.Plan(List.of(), deletes, "release \"" + name + "\" uninstalled\n");
  }

  /** {@code helm rollback NAME [REVISION]}: a new revision with an earlier one's values. */
  public IstioInstaller.Plan rollback(
      String name, String namespace, Integer revision, List<ObjectNode> objects, Instant now) {
    List<Release> history = history(objects, name, namespace);
    if (history.isEmpty()) {
      throw new InstallRefused("Error: release: not found");
    }
    int target = revision != null ? revision : history.get(0).version() - 1;
    Release to =
        history.stream()
            .filter(h -> h.version() == target)
            .findFirst()
            .orElseThrow(
                () ->
                    new InstallRefused(
                        target < 1
                            ? "Error: no revision to roll back to"
                            : "Error: release: not found"));
    Request again =
        new Request(
            true,
            false,
            name,
            REPOSITORY + "/" + to.chart(),
            namespace,
            false,
            null,
            to.config(),
            true,
            false);
    IstioInstaller.Plan plan;
    try {
      plan = installOrUpgrade(again, objects, now);
    } catch (InstallRefused e) {
      throw new InstallRefused("Error: " + e.getMessage());
    }
    List<ObjectNode> writes = new ArrayList<>();
    for (ObjectNode w : plan.writes()) {
      writes.add(
          w.path("type").asText().equals(RELEASE_TYPE)
                  && w.at("/metadata/labels/status").asText().equals("deployed")
              ? secret(withDescription(read(w), "Rollback to " + target))
              : w);
    }
    return new IstioInstaller.Plan(
        writes, plan.deletes(), "Rollback was a success! Happy Helming!\n");
  }

  private static Release withDescription(Release r, String description) {
    return new Release(
        r.name(),
        r.namespace(),
        r.version(),
        r.status(),
        r.chart(),
        r.config(),
        r.manifest(),
        r.deployed(),
        description);
  }

  /** {@code helm list [-A]}: the latest revision of each release, as Helm's table shows it. */
  public String list(List<ObjectNode> objects, String namespace) {
    List<List<String>> rows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Release r : releases(objects)) {
      if ((namespace == null || r.namespace().equals(namespace))
          && seen.add(r.namespace() + "/" + r.name())) {
        rows.add(
            List.of(
                r.name(),
                r.namespace(),
                String.valueOf(r.version()),
                UPDATED.format(Instant.parse(r.deployed())),
                r.status(),
                r.chart() + "-" + chartVersion,
                chartVersion));
      }
    }
    rows.sort(Comparator.comparing((List<String> row) -> row.get(0)));
    StringBuilder out = new StringBuilder();
    List<String> header =
        List.of("NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION");
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        // Helm pads each column and separates them with a tab.
        line.append(String.format("%-" + widths[i] + "s", row.get(i)));
        if (i < row.size() - 1) {
          line.append("\t");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** {@code helm status NAME}. */
  public String status(String name, String namespace, List<ObjectNode> objects) {
    List<Release> history = history(objects, name, namespace);
    if (history.isEmpty()) {
      throw new InstallRefused("Error: release: not found");
    }
    Release latest = history.get(0);
    return status(latest);
  }

  private static String status(Release r) {
    return "NAME: "
        + r.name()
        + "\nLAST DEPLOYED: "
        + DEPLOYED.format(Instant.parse(r.deployed()))
        + "\nNAMESPACE: "
        + r.namespace()
        + "\nSTATUS: "
        + r.status()
        + "\nREVISION: "
        + r.version()
        + "\nTEST SUITE: None\n";
  }

  private static String notes(String chart, String release, String namespace) {
    String learnMore =
        "To learn more about the release, try:\n  $ helm status " + release + " -n " + namespace;
    return switch (chart) {
      case "base" -> "Istio base successfully installed!\n\n" + learnMore + "\n";
      case "istiod" ->
          "\""
              + release
              + "\" successfully installed!\n\n"
              + learnMore
              + "\n\nNext steps:\n  * Deploy a Gateway with the istio/gateway chart\n"
              + "  * Label a namespace for injection: kubectl label namespace NAMESPACE"
              + " istio-injection=enabled (or istio.io/rev=REVISION for a revision)\n";
      default -> "\"" + release + "\" successfully installed!\n\n" + learnMore + "\n";
    };
  }

  // --- releases as Secrets ---

  static String secretName(String release, int version) {
    return "sh.helm.release.v1." + release + ".v" + version;
  }

  private static Release superseded(Release r) {
    return new Release(
        r.name(),
        r.namespace(),
        r.version(),
        "superseded",
        r.chart(),
        r.config(),
        r.manifest(),
        r.deployed(),
        r.description());
  }

  private ObjectNode secret(Release r) {
    ObjectNode payload = JSON.objectNode();
    payload.put("name", r.name());
    ObjectNode info = payload.putObject("info");
    info.put("first_deployed", r.deployed());
    info.put("last_deployed", r.deployed());
    info.put("deleted", "");
    info.put("description", r.description());
    info.put("status", r.status());
    ObjectNode metadata = payload.putObject("chart").putObject("metadata");
    metadata.put("name", r.chart());
    metadata.put("version", chartVersion);
    metadata.put("appVersion", chartVersion);
    payload.set("config", r.config());
    payload.put("manifest", r.manifest());
    payload.put("version", r.version());
    payload.put("namespace", r.namespace());
    ObjectNode s = InstallManifests.object("v1", "Secret");
    ObjectNode meta = s.putObject("metadata");
    meta.put("name", secretName(r.name(), r.version()));
    meta.put("namespace", r.namespace());
    ObjectNode labels = meta.putObject("labels");
    labels.put("name", r.name());
    labels.put("owner", "helm");
    labels.put("status", r.status());
    labels.put("version", String.valueOf(r.version()));
    s.put("type", RELEASE_TYPE);
    // Helm stores base64(gzip(JSON)); the Secret's data encodes those bytes once more.
    String stored = Base64.getEncoder().encodeToString(gzip(payload.toString()));
    s.putObject("data")
        .put(
            "release",
            Base64.getEncoder().encodeToString(stored.getBytes(StandardCharsets.US_ASCII)));
    return s;
  }

  /** Every release revision the sandbox holds, newest first. */
  public static List<Release> releases(List<ObjectNode> objects) {
    List<Release> out = new ArrayList<>();
    for (ObjectNode o : objects) {
      if (o.path("kind").asText().equals("Secret")
          && o.path("type").asText().equals(RELEASE_TYPE)) {
        out.add(read(o));
      }
    }
    out.sort(Comparator.comparingInt(Release::version).reversed());
    return out;
  }

  private static List<Release> history(List<ObjectNode> objects, String name, String namespace) {
    return releases(objects).stream()
        .filter(r -> r.name().equals(name) && r.namespace().equals(namespace))
        .toList();
  }

  private static Release read(ObjectNode secret) {
    try {
      byte[] stored = Base64.getDecoder().decode(secret.path("data").path("release").asText());
      byte[] gzipped = Base64.getDecoder().decode(stored);
      JsonNode p = MAPPER.readTree(gunzip(gzipped));
      return new Release(
          p.path("name").asText(),
          p.path("namespace").asText(),
          p.path("version").asInt(),
          p.path("info").path("status").asText(),
          p.path("chart").path("metadata").path("name").asText(),
          p.path("config") instanceof ObjectNode c ? c : JSON.objectNode(),
          p.path("manifest").asText(""),
          p.path("info").path("last_deployed").asText(),
          p.path("info").path("description").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new InstallRefused(
          "Error: release secret "
              + secret.path("metadata").path("name").asText()
              + " cannot be read: "
              + e.getMessage());
    }
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readNBytes(1 << 22);
    }
  }

  // --- the rendered manifest ---

  private static String manifest(List<ObjectNode> rendered) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode o : rendered) {
      out.append("---\n").append(Manifests.toYaml(o));
    }
    return out.toString();
  }

  private static List<IstioInstaller.Ref> refs(String manifest) {
    if (manifest.isBlank()) {
      return List.of();
    }
    return Manifests.parse(manifest, "the release's manifest").stream()
        .map(HelmCharts::ref)
        .toList();
  }

  private static List<IstioInstaller.Ref> pruned(String before, List<ObjectNode> now) {
    List<IstioInstaller.Ref> kept = now.stream().map(HelmCharts::ref).toList();
    return refs(before).stream().filter(r -> !kept.contains(r)).toList();
  }

  private static IstioInstaller.Ref ref(ObjectNode o) {
    return new IstioInstaller.Ref(
        o.path("kind").asText(),
        o.path("metadata").path("namespace").asText(""),
        o.path("metadata").path("name").asText());
  }

  private static Optional<ObjectNode> find(List<ObjectNode> objects, IstioInstaller.Ref ref) {
    return objects.stream().filter(o -> ref(o).equals(ref)).findFirst();
  }

  /** Helm's merge of values: maps key by key, anything else replaced. */
  static void merge(ObjectNode into, ObjectNode over) {
    Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (into.get(f.getKey()) instanceof ObjectNode mine && f.getValue() instanceof ObjectNode t) {
        merge(mine, t);
      } else {
        into.set(f.getKey(), f.getValue().deepCopy());
      }
    }
  }

  /**
   * Values from {@code -f} (YAML), refused in Helm's words when they are not a map.
   *
   * @throws InstallRefused when the text is not a YAML map
   */
  public static ObjectNode valuesFile(String text) {
    if (text == null || text.isBlank()) {
      return JSON.objectNode();
    }
    try {
      List<ObjectNode> docs = Manifests.parse(text, "the editor");
      return docs.isEmpty() ? JSON.objectNode() : docs.get(0);
    } catch (IllegalArgumentException e) {
      throw new InstallRefused("Error: failed to parse -: " + e.getMessage());
    }
  }

  /**
   * One {@code --set} as Helm reads it: {@code a.b=1,c[0].d=x}; commas separate assignments, {@code
   * \.} and {@code \,} escape; whole numbers, {@code true}, {@code false} and {@code null} are
   * typed, anything else is a string.
   */
  public static void set(ObjectNode values, String expression) {
    for (String assignment : splitUnescaped(expression, ',')) {
      int eq = indexUnescaped(assignment, '=');
      if (eq <= 0) {
        throw new InstallRefused(
            "Error: failed parsing --set data: key \"" + assignment + "\" has no value");
      }
      List<String> path = splitUnescaped(assignment.substring(0, eq), '.');
      String raw = assignment.substring(eq + 1);
      JsonNode value = typed(raw);
      ObjectNode node = values;
      for (int i = 0; i < path.size(); i++) {
        String step = path.get(i).replace("\\.", ".").replace("\\,", ",");
        int bracket = step.indexOf('[');
        boolean last = i == path.size() - 1;
        if (bracket < 0) {
          if (last) {
            node.set(step, value);
          } else {
            node = node.get(step) instanceof ObjectNode o ? o : node.putObject(step);
          }
          continue;
        }
        String key = step.substring(0, bracket);
        int index;
        try {
          index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw new InstallRefused("Error: failed parsing --set data: invalid index in " + step);
        }
        if (index < 0 || index > 64) {
          throw new InstallRefused(
              "Error: failed parsing --set data: index " + index + " is out of range");
        }
        ArrayNode list = node.get(key) instanceof ArrayNode a ? a : node.putArray(key);
        while (list.size() <= index) {
          list.addNull();
        }
        if (last) {
          list.set(index, value);
        } else {
          if (!(list.get(index) instanceof ObjectNode)) {
            list.set(index, JSON.objectNode());
          }
          node = (ObjectNode) list.get(index);
        }
      }
    }
  }

  private static JsonNode typed(String raw) {
    String v = raw.replace("\\,", ",");
    if (v.equals("true") || v.equals("false")) {
      return JSON.booleanNode(Boolean.parseBoolean(v));
    }
    if (v.equals("null")) {
      return JSON.nullNode();
    }
    if (v.matches("-?(0|[1-9]\\d{0,17})")) {
      return JSON.numberNode(Long.parseLong(v));
    }
    return JSON.textNode(v);
  }

  private static List<String> splitUnescaped(String text, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == separator) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  private static int indexUnescaped(String text, char wanted) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == wanted) {
        return i;
      }
    }
    return -1;
  }
}
