package io.meshdojo.grader.api;

import io.meshdojo.grader.checks.CheckRegistry;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.objectives.Environments;
import io.meshdojo.grader.objectives.Evaluator;
import io.meshdojo.grader.objectives.Lab;
import io.meshdojo.grader.objectives.LabReader;
import io.meshdojo.grader.objectives.Objective;
import io.meshdojo.grader.objectives.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The grader's entry point: grade(lab, applied resources, language). It builds the mesh from the
 * lab's environment, its setup manifests and the learner's resources (later objects replace earlier
 * ones with the same kind, namespace and name, as {@code kubectl apply} does), runs every check and
 * decides every objective. Thread-safe.
 */
public final class Grader {

  private static final String PACKAGED_LABS = "/meshdojo/labs/";

  private final Function<String, String> labFiles;
  private final Supplier<List<String>> labIds;
  private final Map<String, Lab> labs = new ConcurrentHashMap<>();

  private Grader(Function<String, String> labFiles, Supplier<List<String>> labIds) {
    this.labFiles = labFiles;
    this.labIds = labIds;
  }

  /** Labs packaged on the classpath under {@code /meshdojo/labs/} (the service's jar layout). */
  public static Grader fromClasspath() {
    return new Grader(
        path -> {
          try (InputStream in = Grader.class.getResourceAsStream(PACKAGED_LABS + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Grader::packagedLabIds);
  }

  /** Labs in a folder laid out as {@code labs/<id>/lab.yaml}. */
  public static Grader fromDirectory(Path labsDir) {
    return new Grader(
        path -> {
          Path p = labsDir.resolve(path).normalize();
          if (!p.startsWith(labsDir.normalize()) || !Files.isRegularFile(p)) {
            return null;
          }
          try {
            return Files.readString(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        () -> labIdsIn(labsDir));
  }

  /** The sub-folders that hold a lab.yaml. */
  private static List<String> labIdsIn(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(child -> Files.isRegularFile(child.resolve("lab.yaml")))
          .map(child -> child.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The labs on the classpath, found from the lab schema packaged beside them, in a folder or in
   * the jar.
   */
  private static List<String> packagedLabIds() {
    URL schema = Grader.class.getResource(PACKAGED_LABS + "lab.schema.json");
    if (schema == null) {
      return List.of();
    }
    try {
      URI uri = schema.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return labIdsIn(Path.of(uri).getParent());
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return labIdsIn(jar.getPath(PACKAGED_LABS));
      } catch (FileSystemAlreadyExistsException e) {
        return labIdsIn(FileSystems.getFileSystem(uri).getPath(PACKAGED_LABS));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list the packaged labs", e);
    }
  }

  /** The ids of the labs this grader knows, sorted. */
  public List<String> labIds() {
    return labIds.get();
  }

  /** The lab definition, or empty when there is no such lab. */
  public Optional<Lab> lab(String id) {
    if (!id.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      return Optional.empty();
    }
    Lab cached = labs.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    String yaml = labFiles.apply(id + "/lab.yaml");
    if (yaml == null) {
      return Optional.empty();
    }
    Lab lab = LabReader.read(id, yaml, rel -> labFiles.apply(id + "/" + rel));
    if (!Environments.exists(lab.environment())) {
      throw new IllegalArgumentException(
          "lab " + id + ": unknown environment " + lab.environment());
    }
    labs.put(id, lab);
    return Optional.of(lab);
  }

  /** Grades texts (YAML or JSON files). */
  public GradeResult grade(String labId, List<Submission> submission, String lang) {
    Lab lab = lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId));
    int istioMinor = Environments.istioMinor(lab.environment());
    List<Finding> findings = new ArrayList<>();
    List<Resource> applied = new ArrayList<>();
    for (Submission s : submission) {
      ResourceIntake.Result r = ResourceIntake.read(s.name(), s.text(), istioMinor);
      findings.addAll(r.findings());
      applied.addAll(r.resources());
    }
    return gradeResources(labId, applied, findings, lang);
  }

  /**
   * Grades resources already read (e.g. listed from a live cluster). {@code intakeFindings} are
   * reported as they are.
   */
  public GradeResult gradeResources(
      String labId, List<Resource> applied, List<Finding> intakeFindings, String lang) {
    String language = "zh".equals(lang) ? "zh" : "en";
    Lab lab = lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId));
    List<Finding> findings = new ArrayList<>(intakeFindings);
    Map<String, Resource> merged = new LinkedHashMap<>();
    for (Resource r : Environments.load(lab.environment())) {
      merged.put(identity(r), r);
    }
    for (var setup : lab.setup().entrySet()) {
      ResourceIntake.Result r =
          ResourceIntake.read(
              lab.id() + "/" + setup.getKey(),
              setup.getValue(),
              Environments.istioMinor(lab.environment()));
      findings.addAll(r.findings());
      r.resources().forEach(res -> merged.put(identity(res), res));
    }
    Map<String, Resource> seen = new LinkedHashMap<>();
    for (Resource r : applied) {
      Resource before = seen.put(identity(r), r);
      if (before != null) {
        findings.add(
            Finding.of("MDJ0008", r.ref(), "first", before.origin(), "second", r.origin()));
      }
      merged.put(identity(r), r);
    }
    Mesh mesh = new Mesh(List.copyOf(merged.values()));
    findings.addAll(CheckRegistry.runAll(mesh));
    // One problem is reported once, however many routes, checks or inputs ran into it.
    findings = new ArrayList<>(new LinkedHashSet<>(findings));
    Evaluator evaluator = new Evaluator(new Router(mesh), findings);
    List<GradeResult.ObjectiveResult> results = new ArrayList<>();
    int score = 0;
    int max = 0;
    boolean all = true;
    for (Objective o : lab.objectives()) {
      Verdict v = evaluator.evaluate(o);
      max += o.points();
      if (v.passed()) {
        score += o.points();
      } else {
        all = false;
      }
      String expected = o.text().in(language);
      String message = v.passed() || v.message() == null ? expected : v.message().in(language);
      results.add(
          new GradeResult.ObjectiveResult(
              o.id(),
              v.passed(),
              o.points(),
              expected,
              message,
              v.evidence().stream().map(b -> b.in(language)).toList(),
              v.traffic()));
    }
    Catalogue catalogue = Catalogue.get();
    List<GradeResult.FindingResult> findingResults = new ArrayList<>();
    for (Finding f : findings) {
      findingResults.add(
          new GradeResult.FindingResult(
              f.code(),
              catalogue.level(f).name().toLowerCase(Locale.ROOT),
              f.resource(),
              catalogue.render(f, language)));
    }
    return new GradeResult(
        lab.id(),
        all && !lab.objectives().isEmpty(),
        score,
        max,
        List.copyOf(results),
        List.copyOf(findingResults));
  }

  private static String identity(Resource r) {
    return r.key().group() + "/" + r.key().kind() + "/" + r.namespace() + "/" + r.name();
  }
}
