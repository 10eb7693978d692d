package io.meshdojo.grader.api;

import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.model.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The environments of {@code infra/environments/}: each {@code <name>.yaml} with the baseline
 * manifests it names. Read and checked once, when built; every reader of an environment (grader,
 * CLI, embedded sandbox, kind installer) goes through here, so they cannot disagree.
 */
public final class Environments {

  private static final String PACKAGED = "/meshdojo/infra/environments/";

  private final Map<String, Environment> environments = new LinkedHashMap<>();
  private final Map<String, List<Submission>> baselineFiles = new LinkedHashMap<>();
  private final Map<String, List<Resource>> baselines = new LinkedHashMap<>();

  private Environments(List<String> definitionFiles, Function<String, String> files) {
    for (String file : definitionFiles) {
      Environment env = definition(file, files.apply(file));
      List<Submission> texts = new ArrayList<>();
      List<Resource> objects = new ArrayList<>();
      for (String path : env.baseline()) {
        String text = files.apply(path);
        if (text == null) {
          throw new IllegalStateException(
              file + " names baseline manifest " + path + ", which does not exist");
        }
        ResourceIntake.Result read = ResourceIntake.read(path, text, env.istioMinor());
        if (!read.findings().isEmpty()) {
          throw new IllegalStateException(path + " is invalid: " + read.findings());
        }
        texts.add(new Submission(path, text));
        objects.addAll(read.resources());
      }
      environments.put(env.name(), env);
      baselineFiles.put(env.name(), List.copyOf(texts));
      baselines.put(env.name(), List.copyOf(objects));
    }
  }

  /** The environments packaged in the service's jar (or its classes folder). */
  public static Environments fromClasspath() {
    return new Environments(
        PackagedFiles.listClasspath(PACKAGED, "bookinfo.yaml", Environments::definitionsIn),
        PackagedFiles.classpath(PACKAGED));
  }

  /** The environments of a folder laid out as {@code infra/environments/}. */
  public static Environments fromDirectory(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no environments folder " + folder);
    }
    return new Environments(definitionsIn(folder), PackagedFiles.directory(folder));
  }

  /** Environments from texts keyed by their path relative to {@code infra/environments/}. */
  public static Environments of(Map<String, String> files) {
    List<String> definitions =
        files.keySet().stream()
            .filter(p -> !p.contains("/") && p.endsWith(".yaml"))
            .sorted()
            .toList();
    return new Environments(definitions, files::get);
  }

  private static List<String> definitionsIn(Path folder) {
    return PackagedFiles.names(
        folder, p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".yaml"));
  }

  public Optional<Environment> find(String name) {
    return Optional.ofNullable(environments.get(name));
  }

  /** The environment, or an {@link IllegalArgumentException} naming the known ones. */
  public Environment get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown environment " + name + "; known: " + environments.keySet()));
  }

  public List<Environment> all() {
    return List.copyOf(environments.values());
  }

  /** The baseline manifests as files (path relative to {@code infra/environments/}, text). */
  public List<Submission> baselineFiles(String name) {
    get(name);
    return baselineFiles.get(name);
  }

  /** The baseline's objects as the grader models them. */
  public List<Resource> baseline(String name) {
    get(name);
    return baselines.get(name);
  }

  private static Environment definition(String file, String text) {
    Map<?, ?> doc;
    try {
      List<Object> docs = SafeYaml.parseAll(text);
      if (docs.size() != 1 || !(docs.get(0) instanceof Map<?, ?> map)) {
        throw new IllegalStateException(file + ": one YAML document expected");
      }
      doc = map;
    } catch (SafeYaml.YamlRejected e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
    if (!"Environment".equals(doc.get("kind"))) {
      throw new IllegalStateException(file + ": kind must be Environment");
    }
    String name = text(map(doc, "metadata").get("name"), file, "metadata.name");
    if (!file.equals(name + ".yaml")) {
      throw new IllegalStateException(file + ": metadata.name must be the file's name");
    }
    Map<?, ?> spec = map(doc, "spec");
    Map<?, ?> kubernetes = map(spec, "kubernetes");
    Map<?, ?> istio = map(spec, "istio");
    List<Environment.Addon> addons = new ArrayList<>();
    for (Object a : list(spec, "addons")) {
      Map<?, ?> addon = a instanceof Map<?, ?> m ? m : Map.of();
      addons.add(
          new Environment.Addon(
              text(addon.get("name"), file, "spec.addons[].name"),
              text(addon.get("version"), file, "spec.addons[].version")));
    }
    List<String> baseline = new ArrayList<>();
    for (Object b : list(spec, "baseline")) {
      baseline.add(text(b, file, "spec.baseline[]"));
    }
    Environment env =
        new Environment(
            name,
            text(kubernetes.get("version"), file, "spec.kubernetes.version"),
            text(kubernetes.get("nodeImage"), file, "spec.kubernetes.nodeImage"),
            text(istio.get("version"), file, "spec.istio.version"),
            istio.get("profile") instanceof String p ? p : "default",
            List.copyOf(addons),
            spec.get("defaultNamespace") instanceof String ns ? ns : "default",
            List.copyOf(baseline),
            calls(file, list(spec, "calls")),
            istio.get("revision") instanceof String r ? r : "",
            upgrades(file, istio));
    env.istioMinor();
    env.kubernetesMinor();
    return env;
  }

  /**
   * {@code spec.istio.upgrades}: versions newer than the installed one, each at most one minor
   * beyond the one before it (Istio's canary upgrade skips no minor), oldest first.
   */
  private static List<String> upgrades(String file, Map<?, ?> istio) {
    List<String> out = new ArrayList<>();
    String before = text(istio.get("version"), file, "spec.istio.version");
    for (Object u : list(istio, "upgrades")) {
      String version = text(u, file, "spec.istio.upgrades[]");
      int step = Environment.minor(version) - Environment.minor(before);
      if (step < 0 || step > 1 || version.equals(before)) {
        throw new IllegalStateException(
            file
                + ": spec.istio.upgrades: "
                + version
                + " must follow "
                + before
                + " by at most one minor version");
      }
      out.add(version);
      before = version;
    }
    return List.copyOf(out);
  }

  /** {@code spec.calls}: {@code {from: ns/workload, to: host:port, path, timeoutMs}}. */
  private static List<Environment.Call> calls(String file, List<?> entries) {
    List<Environment.Call> calls = new ArrayList<>();
    for (Object c : entries) {
      Map<?, ?> call = c instanceof Map<?, ?> m ? m : Map.of();
      String from = text(call.get("from"), file, "spec.calls[].from");
      String to = text(call.get("to"), file, "spec.calls[].to");
      int colon = to.lastIndexOf(':');
      if (!from.contains("/") || colon <= 0 || !to.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalStateException(
            file + ": spec.calls[] needs from: namespace/workload and to: host:port");
      }
      calls.add(
          new Environment.Call(
              from,
              to.substring(0, colon),
              Integer.parseInt(to.substring(colon + 1)),
              call.get("path") instanceof String p ? p : "/",
              call.get("timeoutMs") instanceof Number n ? n.longValue() : 0));
    }
    return List.copyOf(calls);
  }

  private static Map<?, ?> map(Map<?, ?> parent, String key) {
    return parent.get(key) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Map<?, ?> parent, String key) {
    return parent.get(key) instanceof List<?> l ? l : List.of();
  }

  private static String text(Object value, String file, String field) {
    // Versions must stay text: YAML would read an unquoted 1.30 as the number 1.3.
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalStateException(file + ": " + field + " is required, as a string");
    }
    return s;
  }
}
