package io.meshdojo.exam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.account.Role;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.web.Language;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Exam attempts on the server's clock: start (draw, sandbox), look, flag, notes, submit, and the
 * grading that ends each attempt exactly once, by the candidate's submit or by the clock. The
 * candidate sees only their own attempts (404 for anyone else's); instructors and admins may look
 * at every attempt but act on none.
 */
@ApplicationScoped
public class AttemptService {

  private static final Logger LOG = Logger.getLogger(AttemptService.class);

  /** The most a notepad holds. */
  public static final int NOTES_MAX_BYTES = 64 * 1024;

  /** A grading claim this old was left by a replica that died while grading. */
  static final Duration STALE_GRADING = Duration.ofMinutes(5);

  /**
   * How long an attempt's sandbox outlives the exam's clock: long enough to be graded from its
   * state after the service was down for a while; the grading ends it at once.
   */
  static final Duration SANDBOX_GRACE = Duration.ofHours(6);

  private static final SecureRandom SEEDS = new SecureRandom();

  private final ExamCatalogue exams;
  private final AttemptRepository attempts;
  private final AttemptTaskRepository tasks;
  private final AccountRepository accounts;
  private final Sandboxes sandboxes;
  private final AttemptGrading grading;
  private final ObjectMapper json;
  private final MeshDojoConfig config;

  public AttemptService(
      ExamCatalogue exams,
      AttemptRepository attempts,
      AttemptTaskRepository tasks,
      AccountRepository accounts,
      Sandboxes sandboxes,
      AttemptGrading grading,
      ObjectMapper json,
      MeshDojoConfig config) {
    this.exams = exams;
    this.attempts = attempts;
    this.tasks = tasks;
    this.accounts = accounts;
    this.sandboxes = sandboxes;
    this.grading = grading;
    this.json = json;
    this.config = config;
  }

  /** Who asks: the account's name and whether it may look at every attempt (proctor). */
  public record Caller(String username, boolean proctor) {
    public static Caller of(String username, java.util.function.Predicate<String> hasRole) {
      return new Caller(username, isProctor(hasRole));
    }

    /** Instructors and admins follow every attempt; they act on none. */
    public static boolean isProctor(java.util.function.Predicate<String> hasRole) {
      return hasRole.test(Role.INSTRUCTOR_NAME) || hasRole.test(Role.ADMIN_NAME);
    }
  }

  /**
   * Draws the tasks, stores the attempt and starts its sandbox; the clock starts when the sandbox
   * is READY (at once on the embedded backend).
   *
   * @throws ClientErrorException 409 naming the open attempt when the candidate has one for this
   *     exam, or saying why no sandbox can be started
   */
  public AttemptView start(String username, String examId, Language lang) {
    Exam exam = exams.require(examId);
    Account account = account(username);
    long seed = SEEDS.nextLong();
    ExamAttempt a = new ExamAttempt();
    a.id = UUID.randomUUID().toString();
    a.accountId = account.id;
    a.examId = exam.id();
    a.seed = seed;
    a.draw = Draws.write(Draw.of(exam, seed));
    a.status = ExamAttempt.Status.PROVISIONING.name();
    a.openExam = exam.id();
    a.createdAt = Instant.now();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                attempts.persist(a);
                for (int n = 1; n <= exam.tasksPerAttempt(); n++) {
                  AttemptTask t = new AttemptTask();
                  t.key = new AttemptTask.Key(a.id, n);
                  tasks.persist(t);
                }
              });
    } catch (RuntimeException e) {
      if (isConstraintViolation(e)) {
        throw alreadyOpen(account, exam, e);
      }
      throw e;
    }
    SandboxView sandbox;
    try {
      sandbox =
          sandboxes.startExam(
              username, a.id, exam.environment(), exam.duration().plus(SANDBOX_GRACE));
    } catch (RuntimeException e) {
      // No sandbox, no attempt: the candidate may start again once a sandbox is free.
      QuarkusTransaction.requiringNew().run(() -> attempts.deleteById(a.id));
      throw e;
    }
    QuarkusTransaction.requiringNew().run(() -> attempts.findById(a.id).sandboxId = sandbox.id());
    return view(new Caller(username, false), a.id, lang, false);
  }

  private ClientErrorException alreadyOpen(Account account, Exam exam, Exception cause) {
    String open =
        QuarkusTransaction.requiringNew()
            .call(() -> attempts.open(account.id, exam.id()).map(o -> o.id).orElse(null));
    if (open == null) {
      throw new IllegalStateException("starting an attempt failed", cause);
    }
    return new ClientErrorException(
        "You already have an open attempt at exam '"
            + exam.id()
            + "': "
            + open
            + " (GET /api/attempts/"
            + open
            + ")",
        409);
  }

  private static boolean isConstraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.hibernate.exception.ConstraintViolationException
          || t instanceof java.sql.SQLIntegrityConstraintViolationException) {
        return true;
      }
      if (t instanceof java.sql.SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** The attempt with its clock brought up to date; {@code detailed} adds each task's text. */
  public AttemptView view(Caller caller, String id, Language lang, boolean detailed) {
    ExamAttempt a = visible(caller, id);
    a = startClockIfReady(a);
    Exam exam = exams.require(a.examId);
    List<DrawnTask> drawn = Draws.read(exam, a.draw);
    Map<Integer, AttemptTask> marks =
        QuarkusTransaction.requiringNew().call(() -> tasks.of(id)).stream()
            .collect(Collectors.toMap(t -> t.key.number, Function.identity()));
    List<AttemptView.Task> shown = new ArrayList<>();
    for (DrawnTask d : drawn) {
      AttemptTask mark = marks.get(d.number());
      shown.add(
          new AttemptView.Task(
              d.number(),
              d.task().domain(),
              d.task().points(),
              d.title(lang),
              mark != null && mark.flagged,
              mark != null && mark.visited,
              detailed ? d.instructions().in(lang) : null,
              detailed ? d.task().docs() : null,
              detailed ? d.task().targetMinutes() : null));
    }
    Long owner = a.accountId;
    String candidate =
        caller.proctor()
            ? QuarkusTransaction.requiringNew()
                .call(() -> accounts.findByIdOptional(owner).map(x -> x.username).orElse(null))
            : null;
    return new AttemptView(
        a.id,
        a.examId,
        candidate,
        a.status().name(),
        a.startedAt,
        a.endsAt,
        remainingSeconds(a),
        a.seed,
        a.sandboxId,
        shown);
  }

  static Long remainingSeconds(ExamAttempt a) {
    if (a.endsAt == null) {
      return null;
    }
    if (a.status() != ExamAttempt.Status.IN_PROGRESS) {
      return 0L;
    }
    return Math.max(0, Duration.between(Instant.now(), a.endsAt).toSeconds());
  }

  /** The candidate's attempts, newest first (for their dashboard and the exams page). */
  public List<ExamAttempt> mine(String username) {
    Account account = account(username);
    return QuarkusTransaction.requiringNew().call(() -> attempts.ofAccount(account.id));
  }

  /** A past or open attempt as the pages list it. */
  public record AttemptRow(
      String id, String exam, String status, String started, Double score, Boolean passed) {}

  /** The candidate's attempts, newest first, for the exams page and the dashboard. */
  public List<AttemptRow> rows(String username, Language lang) {
    List<AttemptRow> rows = new ArrayList<>();
    for (ExamAttempt a : mine(username)) {
      String title = exams.find(a.examId).map(e -> e.title().in(lang)).orElse(a.examId);
      rows.add(
          new AttemptRow(
              a.id,
              title,
              a.status,
              a.startedAt == null ? "" : a.startedAt.toString(),
              a.score,
              a.passed));
    }
    return rows;
  }

  /**
   * One attempt as its proctors follow it: who, where it stands, the time left (from the stored
   * {@code endsAt} and the server's time) and, once graded, the result.
   */
  public record ProctorRow(
      String id,
      String candidate,
      String status,
      Instant startedAt,
      Instant endsAt,
      Long remainingSeconds,
      Instant submittedAt,
      String endedBy,
      Double score,
      Double pointsPercent,
      Boolean passed) {

    /**
     * The time left as the page first shows it, minutes:seconds as the candidate's clock; ""
     * without.
     */
    public String remaining() {
      return remainingSeconds == null
          ? ""
          : remainingSeconds / 60 + ":" + String.format("%02d", remainingSeconds % 60);
    }
  }

  /** Every attempt at an exam, newest first, each clock brought up to date: the proctor's view. */
  public List<ProctorRow> ofExam(String examId) {
    exams.require(examId);
    List<ExamAttempt> all = QuarkusTransaction.requiringNew().call(() -> attempts.ofExam(examId));
    Map<Long, String> names = new java.util.HashMap<>();
    List<ProctorRow> out = new ArrayList<>();
    for (ExamAttempt seen : all) {
      ExamAttempt a = startClockIfReady(seen);
      String candidate =
          names.computeIfAbsent(
              a.accountId,
              owner ->
                  QuarkusTransaction.requiringNew()
                      .call(
                          () ->
                              accounts.findByIdOptional(owner).map(x -> x.username).orElse(null)));
      out.add(
          new ProctorRow(
              a.id,
              candidate,
              a.status().name(),
              a.startedAt,
              a.endsAt,
              remainingSeconds(a),
              a.submittedAt,
              a.endedBy,
              a.score,
              a.pointsPercent,
              a.passed));
    }
    return out;
  }

  /** Every attempt at an exam as CSV, newest first: the proctor's export. */
  public String csv(String examId) {
    StringBuilder out =
        new StringBuilder(
            "attempt,candidate,status,started_at,ends_at,remaining_seconds,submitted_at,ended_by,"
                + "score,points_percent,passed\n");
    for (ProctorRow row : ofExam(examId)) {
      List<Object> cells =
          java.util.Arrays.asList(
              row.id(),
              row.candidate(),
              row.status(),
              row.startedAt(),
              row.endsAt(),
              row.remainingSeconds(),
              row.submittedAt(),
              row.endedBy(),
              row.score(),
              row.pointsPercent(),
              row.passed());
      out.append(cells.stream().map(AttemptService::csvCell).collect(Collectors.joining(",")));
      out.append('\n');
    }
    return out.toString();
  }

  /** A CSV cell, quoted, with a leading formula character defused for spreadsheets. */
  private static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  /** Flags or unflags a task, marking it visited too. */
  public AttemptView flag(String username, String id, int number, boolean flagged, Language lang) {
    mark(username, id, number, t -> t.flagged = flagged);
    return view(new Caller(username, false), id, lang, false);
  }

  /**
   * The candidate opened task {@code number}: it counts as visited, and its clock runs until
   * another task is opened or the attempt ends.
   */
  public AttemptView visit(String username, String id, int number, Language lang) {
    mark(
        username,
        id,
        number,
        t -> {
          t.visited = true;
        });
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ExamAttempt a = attempts.lock(id).orElseThrow();
              Instant now = Instant.now();
              closeCurrentTask(a, now);
              a.currentTask = number;
              a.currentSince = now;
            });
    return view(new Caller(username, false), id, lang, false);
  }

  private void closeCurrentTask(ExamAttempt a, Instant now) {
    if (a.currentTask != null && a.currentSince != null) {
      AttemptTask open = tasks.get(a.id, a.currentTask);
      if (open != null) {
        open.openSeconds += Math.max(0, Duration.between(a.currentSince, now).toSeconds());
      }
    }
    a.currentTask = null;
    a.currentSince = null;
  }

  private void mark(
      String username, String id, int number, java.util.function.Consumer<AttemptTask> change) {
    ExamAttempt seen = owned(username, id);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ExamAttempt a = attempts.lock(id).orElseThrow();
              requireOpen(a, "flagged");
              AttemptTask t = tasks.get(a.id, number);
              if (t == null) {
                throw new NotFoundException(
                    "Attempt "
                        + seen.id
                        + " has no task "
                        + number
                        + "; tasks are numbered from 1");
              }
              change.accept(t);
            });
  }

  /** The notepad's text ("" when empty). */
  public String notes(String username, String id) {
    ExamAttempt a = owned(username, id);
    return a.notes == null ? "" : a.notes;
  }

  /**
   * @throws ClientErrorException 413 over {@link #NOTES_MAX_BYTES}, 409 once the attempt is over
   */
  public void saveNotes(String username, String id, String text) {
    int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > NOTES_MAX_BYTES) {
      throw new ClientErrorException(
          "The notepad holds at most "
              + NOTES_MAX_BYTES / 1024
              + " KiB; this text has "
              + bytes
              + " bytes",
          413);
    }
    owned(username, id);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ExamAttempt a = attempts.lock(id).orElseThrow();
              requireOpen(a, "written to");
              a.notes = text;
            });
  }

  /** The candidate's kubeconfig for the attempt's sandbox. */
  public String kubeconfig(String username, String id, String serviceUrl) {
    ExamAttempt a = owned(username, id);
    requireOpen(a, "worked on");
    if (a.sandboxId == null) {
      throw new ClientErrorException("Attempt " + id + " has no sandbox yet", 409);
    }
    return sandboxes.learnerKubeconfig(username, a.sandboxId, serviceUrl);
  }

  /**
   * The candidate hands in: every task is graded once from the sandbox's state, the result stored
   * and the sandbox ended. A second submit, at once or later, is a 409.
   */
  public AttemptResult submit(String username, String id, Language lang, String serviceUrl) {
    ExamAttempt a = startClockIfReady(owned(username, id));
    if (a.status() == ExamAttempt.Status.PROVISIONING) {
      throw new ClientErrorException(
          "Attempt "
              + id
              + " is still PROVISIONING: its clock has not started; submit once it is IN_PROGRESS",
          409);
    }
    if (!grade(id, "candidate", serviceUrl)) {
      throw new ClientErrorException(
          "Attempt " + id + " was already submitted or its time ran out; it is graded once", 409);
    }
    return result(new Caller(username, false), id, lang);
  }

  /**
   * Grades the attempt unless another caller holds (or finished) its grading. The clock's job calls
   * this for attempts whose time is up, also for those that ran out while the service was down: the
   * sandbox outlives the clock, so its state is still there.
   *
   * @return whether this call graded it
   */
  boolean grade(String id, String endedBy, String serviceUrl) {
    Instant now = Instant.now();
    boolean claimed =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  ExamAttempt before = attempts.findById(id);
                  Instant submitted =
                      "time".equals(endedBy) && before.endsAt != null ? before.endsAt : now;
                  return attempts.claimGrading(id, now, endedBy, submitted, STALE_GRADING);
                });
    if (!claimed) {
      return false;
    }
    ExamAttempt a = QuarkusTransaction.requiringNew().call(() -> attempts.findById(id));
    Exam exam = exams.require(a.examId);
    List<DrawnTask> drawn = Draws.read(exam, a.draw);
    List<AttemptGrading.Graded> graded = grading.grade(exam, a.sandboxId, drawn, serviceUrl);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ExamAttempt row = attempts.lock(id).orElseThrow();
              closeCurrentTask(row, row.submittedAt);
              Map<Integer, Long> open = new java.util.HashMap<>();
              tasks.of(id).forEach(t -> open.put(t.key.number, t.openSeconds));
              AttemptResult en = Scoring.result(exam, row, graded, open, Language.EN);
              AttemptResult zh = Scoring.result(exam, row, graded, open, Language.ZH);
              row.resultEn = write(en);
              row.resultZh = write(zh);
              row.score = en.score();
              row.pointsPercent = en.pointsPercent();
              row.passed = en.passed();
              row.status = ExamAttempt.Status.GRADED.name();
              row.openExam = null;
              // As in the real exam, the notepad does not outlive the attempt.
              row.notes = null;
            });
    if (a.sandboxId != null) {
      sandboxes.endForService(a.sandboxId);
    }
    LOG.infof("exam attempt %s graded (ended by %s)", id, endedBy);
    return true;
  }

  private String write(AttemptResult result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result is always writable", e);
    }
  }

  /** The graded result; 409 until the attempt is graded. */
  public AttemptResult result(Caller caller, String id, Language lang) {
    ExamAttempt a = visible(caller, id);
    if (a.status() != ExamAttempt.Status.GRADED) {
      throw new ClientErrorException(
          "Attempt " + id + " is " + a.status() + "; its result comes once it is GRADED", 409);
    }
    try {
      return json.readValue(lang == Language.ZH ? a.resultZh : a.resultEn, AttemptResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored result is unreadable", e);
    }
  }

  /** The review: each task's instructions, objectives with explanations and reference solution. */
  public record Review(String attempt, List<ReviewTask> tasks) {}

  public record ReviewTask(
      int number,
      String title,
      String instructions,
      List<AttemptResult.ObjectiveVerdict> objectives,
      String solution) {}

  public Review review(Caller caller, String id, Language lang) {
    AttemptResult result = result(caller, id, lang);
    if (!result.review()) {
      throw new ClientErrorException("Exam '" + result.exam() + "' offers no review", 409);
    }
    Exam exam = exams.require(result.exam());
    ExamAttempt a = visible(caller, id);
    List<DrawnTask> drawn = Draws.read(exam, a.draw);
    List<ReviewTask> out = new ArrayList<>();
    for (DrawnTask d : drawn) {
      AttemptResult.TaskResult r = result.tasks().get(d.number() - 1);
      out.add(
          new ReviewTask(
              d.number(),
              d.title(lang),
              d.instructions().in(lang),
              r.objectives(),
              d.solutionYaml()));
    }
    return new Review(id, out);
  }

  /** PROVISIONING becomes IN_PROGRESS as soon as the sandbox is READY; the clock starts then. */
  ExamAttempt startClockIfReady(ExamAttempt a) {
    if (a.status() != ExamAttempt.Status.PROVISIONING || a.sandboxId == null) {
      return a;
    }
    boolean ready =
        sandboxes.viewForService(a.sandboxId).map(s -> "READY".equals(s.status())).orElse(false);
    if (!ready) {
      return a;
    }
    Exam exam = exams.require(a.examId);
    QuarkusTransaction.requiringNew()
        .run(() -> attempts.start(a.id, Instant.now(), exam.duration()));
    return QuarkusTransaction.requiringNew().call(() -> attempts.findById(a.id));
  }

  /** The clock's job: attempts to start and attempts to grade. */
  void sweep(String serviceUrl) {
    for (ExamAttempt a : QuarkusTransaction.requiringNew().call(attempts::provisioning)) {
      startClockIfReady(a);
    }
    for (String id :
        QuarkusTransaction.requiringNew().call(() -> attempts.due(Instant.now(), STALE_GRADING))) {
      try {
        grade(id, "time", serviceUrl);
      } catch (RuntimeException e) {
        LOG.warnf(e, "grading exam attempt %s failed; the next run tries again", id);
      }
    }
  }

  private static void requireOpen(ExamAttempt a, String what) {
    if (a.status() == ExamAttempt.Status.GRADING || a.status() == ExamAttempt.Status.GRADED) {
      throw new ClientErrorException(
          "Attempt " + a.id + " is " + a.status() + " and can no longer be " + what, 409);
    }
  }

  /** The candidate's own attempt; 404 for anyone else's, as for a missing one. */
  private ExamAttempt owned(String username, String id) {
    Account account = account(username);
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                attempts
                    .findByIdOptional(id)
                    .filter(a -> a.accountId.equals(account.id))
                    .orElseThrow(() -> new NotFoundException("No attempt '" + id + "'")));
  }

  /** The candidate's own attempt, or any attempt for a proctor. */
  private ExamAttempt visible(Caller caller, String id) {
    if (!caller.proctor()) {
      return owned(caller.username(), id);
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                attempts
                    .findByIdOptional(id)
                    .orElseThrow(() -> new NotFoundException("No attempt '" + id + "'")));
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }

  /** The service URL the clock's job hands to a live sandbox's kubeconfig. */
  String jobServiceUrl() {
    return config.sandbox().publicUrl().orElse("https://localhost");
  }
}
