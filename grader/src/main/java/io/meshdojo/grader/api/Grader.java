package io.meshdojo.grader.api;

import io.meshdojo.grader.checks.CheckRegistry;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.Kinds;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.live.LiveCluster;
import io.meshdojo.grader.mesh.CallGraph;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.mesh.Router;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.ResourceKey;
import io.meshdojo.grader.objectives.Evaluator;
import io.meshdojo.grader.objectives.Lab;
import io.meshdojo.grader.objectives.LabReader;
import io.meshdojo.grader.objectives.Objective;
import io.meshdojo.grader.objectives.Verdict;
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

/**
 * The grader's entry point. {@link #gradeState} grades exactly the objects a sandbox holds; {@link
 * #grade} grades files the way they would land in a fresh sandbox: the lab's environment, its
 * setup, then the files (an object replaces an earlier one of the same kind, namespace and name, as
 * {@code kubectl apply} does). Either way every check runs and every objective is decided.
 * Thread-safe.
 */
public final class Grader {

  private static final String PACKAGED_LABS = "/meshdojo/labs/";

  private final Function<String, String> labFiles;
  private final Supplier<List<String>> labIds;
  private final Environments environments;
  private final Map<String, Lab> labs = new ConcurrentHashMap<>();

  private Grader(
      Function<String, String> labFiles, Supplier<List<String>> labIds, Environments environments) {
    this.labFiles = labFiles;
    this.labIds = labIds;
    this.environments = environments;
  }

  /** Labs and environments packaged on the classpath under {@code /meshdojo/} (the jar layout). */
  public static Grader fromClasspath() {
    return fromClasspath(Environments.fromClasspath());
  }

  /** Labs packaged on the classpath, in environments already read. */
  public static Grader fromClasspath(Environments environments) {
    return new Grader(
        PackagedFiles.classpath(PACKAGED_LABS),
        () -> PackagedFiles.listClasspath(PACKAGED_LABS, "lab.schema.json", Grader::labIdsIn),
        environments);
  }

  /**
   * Labs in a repository checkout: {@code labs/<id>/lab.yaml}, with the environments in {@code
   * infra/environments/} beside the labs folder.
   */
  public static Grader fromDirectory(Path labsDir) {
    Path root = labsDir.toAbsolutePath().normalize().getParent();
    return fromDirectories(labsDir, root.resolve("infra").resolve("environments"));
  }

  /**
   * Labs laid out as {@code <labsDir>/<id>/lab.yaml}, environments as in {@code
   * infra/environments/}.
   */
  public static Grader fromDirectories(Path labsDir, Path environmentsDir) {
    return new Grader(
        PackagedFiles.directory(labsDir),
        () -> labIdsIn(labsDir),
        Environments.fromDirectory(environmentsDir));
  }

  /** The sub-folders that hold a lab.yaml. */
  private static List<String> labIdsIn(Path folder) {
    return PackagedFiles.names(folder, child -> Files.isRegularFile(child.resolve("lab.yaml")));
  }

  /** The environments this grader's labs run in. */
  public Environments environments() {
    return environments;
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
    if (environments.find(lab.environment()).isEmpty()) {
      throw new IllegalArgumentException(
          "lab " + id + ": unknown environment " + lab.environment());
    }
    labs.put(id, lab);
    return Optional.of(lab);
  }

  /**
   * Grades files as they would land in a fresh sandbox of the lab: environment, then setup, then
   * the files in order. An object in two of the files is reported (MDJ0008); the later one counts.
   */
  public GradeResult grade(String labId, List<Submission> submission, String lang) {
    return grade(
        lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId)),
        submission,
        lang);
  }

  /**
   * Grades files as they would land in a fresh sandbox holding the task's setup, as {@link #grade}
   * does for a lab.
   */
  public GradeResult gradeTask(GradableTask task, List<Submission> submission, String lang) {
    return grade(task.toLab(), submission, lang);
  }

  /**
   * Grades a sandbox's objects given as plain maps against one task's objectives, as {@link
   * #gradeObjects} does for a lab.
   */
  public GradeResult gradeTaskObjects(
      GradableTask task, String origin, List<Map<String, Object>> objects, String lang) {
    ResourceIntake.Result read = ResourceIntake.readObjects(origin, modelled(objects));
    return gradeState(task.toLab(), read.resources(), read.findings(), lang);
  }

  /** Grades a live cluster against one task's objectives, as {@link #gradeCluster} does. */
  public GradeResult gradeTaskCluster(
      GradableTask task, Path kubeconfig, String context, String lang) {
    List<Finding> findings = new ArrayList<>();
    List<Resource> held = LiveCluster.list(kubeconfig, context, findings);
    return gradeState(task.toLab(), held, findings, lang);
  }

  private GradeResult grade(Lab lab, List<Submission> submission, String lang) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Resource> state = landed(lab, submission, findings);
    return gradeState(lab, List.copyOf(state.values()), findings, lang);
  }

  /**
   * The objects a fresh sandbox of the lab holds once the files are applied, by {@link #identity};
   * intake findings are added to {@code findings}. Tests take objects out of it to stand for what a
   * learner deleted.
   */
  Map<String, Resource> landed(String labId, List<Submission> submission, List<Finding> findings) {
    return landed(
        lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId)),
        submission,
        findings);
  }

  private Map<String, Resource> landed(
      Lab lab, List<Submission> submission, List<Finding> findings) {
    int istioMinor = environments.get(lab.environment()).istioMinor();
    Map<String, Resource> state = new LinkedHashMap<>();
    for (Resource r : environments.baseline(lab.environment())) {
      state.put(identity(r), r);
    }
    for (var setup : lab.setup().entrySet()) {
      ResourceIntake.Result r =
          ResourceIntake.read(lab.id() + "/" + setup.getKey(), setup.getValue(), istioMinor);
      findings.addAll(r.findings());
      r.resources().forEach(res -> state.put(identity(res), res));
    }
    Map<String, Resource> seen = new LinkedHashMap<>();
    for (Submission s : submission) {
      ResourceIntake.Result r = ResourceIntake.read(s.name(), s.text(), istioMinor);
      findings.addAll(r.findings());
      for (Resource res : r.resources()) {
        Resource before = seen.put(identity(res), res);
        if (before != null) {
          findings.add(
              Finding.of("MDJ0008", res.ref(), "first", before.origin(), "second", res.origin()));
        }
        state.put(identity(res), res);
      }
    }
    return state;
  }

  /**
   * Grades a dump of a whole sandbox (e.g. {@code kubectl get -A -o yaml}) as it is, read as a
   * cluster of the lab's Istio version would serve it; see {@link #gradeState}.
   */
  public GradeResult gradeDump(String labId, List<Submission> dump, String lang) {
    Lab lab = lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId));
    int istioMinor = environments.get(lab.environment()).istioMinor();
    List<Finding> findings = new ArrayList<>();
    List<Resource> held = new ArrayList<>();
    for (Submission file : dump) {
      ResourceIntake.Result read = ResourceIntake.read(file.name(), file.text(), istioMinor);
      findings.addAll(read.findings());
      held.addAll(read.resources());
    }
    return gradeState(labId, held, findings, lang);
  }

  /**
   * Grades exactly the objects a sandbox holds (its store, a live cluster, a dump): nothing of the
   * environment or the setup is added back, so what the learner changed or deleted there counts.
   * {@code intakeFindings} are reported as they are.
   */
  public GradeResult gradeState(
      String labId, List<Resource> state, List<Finding> intakeFindings, String lang) {
    return gradeState(
        lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId)),
        state,
        intakeFindings,
        lang);
  }

  private GradeResult gradeState(
      Lab lab, List<Resource> state, List<Finding> intakeFindings, String lang) {
    return gradeState(lab, state, intakeFindings, List.of(), lang);
  }

  private GradeResult gradeState(
      Lab lab,
      List<Resource> state,
      List<Finding> intakeFindings,
      List<ControlPlaneHistory.Moment> history,
      String lang) {
    String language = "zh".equals(lang) ? "zh" : "en";
    List<Finding> findings = new ArrayList<>(intakeFindings);
    Map<String, Resource> merged = new LinkedHashMap<>();
    for (Resource r : state) {
      merged.put(identity(r), r);
    }
    boolean slime =
        environments.get(lab.environment()).addons().stream()
            .anyMatch(a -> a.name().equals("slime"));
    List<Resource> objects = List.copyOf(merged.values());
    if (slime) {
      objects = SlimeLazyload.settle(objects);
    }
    Mesh mesh = new Mesh(objects);
    findings.addAll(CheckRegistry.runAll(mesh));
    // One problem is reported once, however many routes, checks or inputs ran into it.
    findings = new ArrayList<>(new LinkedHashSet<>(findings));
    Router router = new Router(mesh, callGraph(lab.environment()));
    Evaluator evaluator = new Evaluator(router, findings, history);
    // Slime learns from calls: what no probe decides is decided once the probes were sent.
    Evaluator afterCalls =
        slime
            ? new Evaluator(
                new Router(
                    new Mesh(SlimeLazyload.afterCalls(objects, lab, router)),
                    callGraph(lab.environment())),
                findings,
                history)
            : evaluator;
    List<GradeResult.ObjectiveResult> results = new ArrayList<>();
    int score = 0;
    int max = 0;
    boolean all = true;
    for (Objective o : lab.objectives()) {
      Verdict v = (o.probes() == null || o.probes().isEmpty() ? afterCalls : evaluator).evaluate(o);
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

  /**
   * Grades a sandbox's objects given as plain maps (its store, say), exactly as {@link #gradeState}
   * does. Objects of kinds the grader does not model (Endpoints, LimitRanges…) are left out
   * unreported; the others are read and validated as text would be, under {@code origin} in
   * messages.
   */
  public GradeResult gradeObjects(
      String labId, String origin, List<Map<String, Object>> objects, String lang) {
    return gradeObjects(labId, origin, objects, List.of(), lang);
  }

  /**
   * As {@link #gradeObjects(String, String, List, String)}, with the sandbox's control plane
   * history before this state ({@link ControlPlaneHistory}), oldest first, for objectives that
   * judge what happened on the way.
   */
  public GradeResult gradeObjects(
      String labId,
      String origin,
      List<Map<String, Object>> objects,
      List<ControlPlaneHistory.Moment> history,
      String lang) {
    return gradeRead(labId, read(origin, objects), history, lang);
  }

  /**
   * A sandbox's objects given as plain maps read into the grader's model, as {@link #gradeObjects}
   * reads them, for {@link #gradeRead} to grade as often as wanted while they are unchanged.
   */
  public ReadState read(String origin, List<Map<String, Object>> objects) {
    ResourceIntake.Result read = ResourceIntake.readObjects(origin, modelled(objects));
    return new ReadState(read.resources(), read.findings());
  }

  /** Grades objects {@link #read} before, exactly as {@link #gradeObjects} grades them. */
  public GradeResult gradeRead(
      String labId, ReadState state, List<ControlPlaneHistory.Moment> history, String lang) {
    return gradeState(
        lab(labId).orElseThrow(() -> new IllegalArgumentException("no lab " + labId)),
        state.resources(),
        state.findings(),
        history,
        lang);
  }

  private static List<Map<String, Object>> modelled(List<Map<String, Object>> objects) {
    return objects.stream().filter(o -> models(text(o, "apiVersion"), text(o, "kind"))).toList();
  }

  /**
   * Grades a live cluster as it is, as {@link #gradeState} does: one list call per modelled kind,
   * with the kubeconfig's {@code context} (its current one when {@code null}).
   */
  public GradeResult gradeCluster(String labId, Path kubeconfig, String context, String lang) {
    List<Finding> findings = new ArrayList<>();
    List<Resource> held = LiveCluster.list(kubeconfig, context, findings);
    return gradeState(labId, held, findings, lang);
  }

  /**
   * The probes of the lab's behaviour objective {@code objectiveId}; empty when the lab has no
   * behaviour objective of that id with probes.
   */
  public Optional<BehaviourProbes> probes(String labId, String objectiveId) {
    return lab(labId)
        .orElseThrow(() -> new IllegalArgumentException("no lab " + labId))
        .objectives()
        .stream()
        .filter(o -> o.id().equals(objectiveId))
        .filter(o -> o.kind() == Objective.Kind.BEHAVIOUR)
        .filter(o -> o.probes() != null && !o.probes().isEmpty())
        .findFirst()
        .map(BehaviourProbes::of);
  }

  /**
   * Whether the grader models objects of this API version and kind; a caller holding many objects
   * of other kinds can leave them out before turning them into maps.
   */
  public static boolean models(String apiVersion, String kind) {
    return Kinds.find(ResourceKey.of(apiVersion, kind)).isPresent();
  }

  /** A sandbox's objects read into the grader's model, kinds it does not model left out. */
  static ResourceIntake.Result readModelled(List<Map<String, Object>> objects) {
    List<Map<String, Object>> modelled =
        objects.stream()
            .filter(
                o ->
                    o.get("apiVersion") instanceof String v
                        && o.get("kind") instanceof String k
                        && models(v, k))
            .toList();
    return ResourceIntake.readObjects("sandbox", modelled);
  }

  private static String text(Map<String, Object> object, String field) {
    return object.get(field) instanceof String s ? s : "";
  }

  /** The environment's call graph as the mesh model reads it. */
  private CallGraph callGraph(String environment) {
    return CallGraph.of(
        environments.get(environment).calls().stream()
            .map(c -> new CallGraph.Call(c.from(), c.host(), c.port(), c.path(), c.timeoutMs()))
            .toList());
  }

  /** group/kind/namespace/name: what {@code kubectl apply} replaces. */
  private static String identity(Resource r) {
    String namespace = r.namespace() == null ? "" : r.namespace();
    return r.key().group() + "/" + r.key().kind() + "/" + namespace + "/" + r.name();
  }
}
