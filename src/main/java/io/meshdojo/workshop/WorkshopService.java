package io.meshdojo.workshop;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.account.Role;
import io.meshdojo.lab.LabService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Workshops: created and changed by instructors, joined by learners with a code. An instructor sees
 * only the workshops they own or co-run (any other is a 404, as if it did not exist); admins see
 * all.
 */
@ApplicationScoped
public class WorkshopService {

  static final int MAX_TITLE = 200;
  static final int MAX_LABS = 20;
  static final int MAX_CAPACITY = 1000;
  static final int MAX_CO_INSTRUCTORS = 10;
  static final Duration MAX_LENGTH = Duration.ofDays(14);
  static final int DEFAULT_STUCK_MINUTES = 15;
  static final int DEFAULT_STUCK_FAILURES = 3;
  static final Set<String> BACKENDS = Set.of("embedded", "kind");

  /** An enrolment, and whether this join made it (201) or found it (200). */
  public record Joined(long workshop, String title, Instant joinedAt, boolean created) {}

  private final WorkshopRepository workshops;
  private final EnrolmentRepository enrolments;
  private final AccountRepository accounts;
  private final LabService labs;
  private final AuditRepository audit;
  private final WorkshopEvents events;
  private final WarmPools warm;

  public WorkshopService(
      WorkshopRepository workshops,
      EnrolmentRepository enrolments,
      AccountRepository accounts,
      LabService labs,
      AuditRepository audit,
      WorkshopEvents events,
      WarmPools warm) {
    this.warm = warm;
    this.workshops = workshops;
    this.enrolments = enrolments;
    this.accounts = accounts;
    this.labs = labs;
    this.audit = audit;
    this.events = events;
  }

  @Transactional
  public WorkshopView create(String username, WorkshopRequest request) {
    if (request == null) {
      throw new InvalidWorkshopException("body", "a JSON body is required");
    }
    Account owner = account(username);
    Workshop w = new Workshop();
    w.ownerId = owner.id;
    w.createdAt = Instant.now();
    w.stuckMinutes = DEFAULT_STUCK_MINUTES;
    w.stuckFailures = DEFAULT_STUCK_FAILURES;
    apply(w, request, true);
    w.code = freeCode();
    workshops.persist(w);
    warmShare(w, request);
    audit.record(w.id, username, "create", null, w.title);
    return view(w);
  }

  /** The workshops the caller runs (all of them for an admin), newest first. */
  @Transactional
  public List<WorkshopView> list(String username) {
    Account caller = account(username);
    List<Workshop> found = isAdmin(caller) ? workshops.newestFirst() : workshops.runBy(caller.id);
    return found.stream().map(this::view).toList();
  }

  @Transactional
  public WorkshopView change(String username, long id, WorkshopRequest request) {
    if (request == null) {
      throw new InvalidWorkshopException("body", "a JSON body is required");
    }
    Workshop w = runnable(username, id);
    apply(w, request, false);
    warmShare(w, request);
    audit.record(w.id, username, "change", null, null);
    events.publish(new WorkshopEvents.Change(w.id, WorkshopEvents.Kind.WORKSHOP, 0));
    return view(w);
  }

  /** Deletes a workshop with its enrolments and records: its owner or an admin only. */
  @Transactional
  public void delete(String username, long id) {
    Workshop w = runnable(username, id);
    Account caller = account(username);
    if (!w.ownerId.equals(caller.id) && !isAdmin(caller)) {
      throw new ForbiddenException("only the workshop's owner or an admin may delete it");
    }
    warm.forget(w.id);
    workshops.delete(w);
  }

  /**
   * Enrols the caller with a join code. Joining again finds the same enrolment, even once full.
   *
   * @throws NotFoundException for a code no workshop has
   * @throws ClientErrorException 409 when the workshop is full, not yet open or over
   */
  public Joined join(String username, String typedCode) {
    String code =
        JoinCodes.normalize(typedCode)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "No workshop has the code '"
                            + (typedCode == null ? "" : typedCode.strip())
                            + "': check it with your instructor"));
    Joined joined =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Account learner = account(username);
                  long id =
                      workshops
                          .findByCode(code)
                          .orElseThrow(
                              () ->
                                  new NotFoundException(
                                      "No workshop has the code '"
                                          + JoinCodes.display(code)
                                          + "': check it with your instructor"))
                          .id;
                  Workshop w = workshops.lock(id).orElseThrow();
                  Optional<Enrolment> existing = enrolments.find(w.id, learner.id);
                  if (existing.isPresent()) {
                    return new Joined(w.id, w.title, existing.get().joinedAt, false);
                  }
                  refuseJoin(w, Instant.now());
                  Enrolment e = new Enrolment();
                  e.workshopId = w.id;
                  e.accountId = learner.id;
                  // As the database keeps it, so a second join answers the very same instant.
                  e.joinedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                  enrolments.persist(e);
                  events.publish(
                      new WorkshopEvents.Change(w.id, WorkshopEvents.Kind.LEARNER, learner.id));
                  return new Joined(w.id, w.title, e.joinedAt, true);
                });
    return joined;
  }

  private void refuseJoin(Workshop w, Instant now) {
    switch (w.status(now)) {
      case ENDED -> throw new ClientErrorException("'" + w.title + "' is over", 409);
      case SCHEDULED ->
          throw new ClientErrorException(
              "'" + w.title + "' is not open yet: it starts at " + w.startsAt, 409);
      default -> {}
    }
    if (enrolments.countIn(w.id) >= w.capacity) {
      throw new ClientErrorException(
          "'" + w.title + "' is full (" + w.capacity + " learners); ask your instructor", 409);
    }
  }

  /** The workshop if the caller owns or co-runs it or is an admin; a 404 for anyone else. */
  @Transactional
  public Workshop runnable(String username, long id) {
    Account caller = account(username);
    Workshop w = workshops.findByIdOptional(id).orElseThrow(() -> noWorkshop(id));
    if (!w.runBy(caller.id) && !isAdmin(caller)) {
      throw noWorkshop(id);
    }
    return w;
  }

  /** The workshop if the caller runs it or joined it; a 404 for anyone else. */
  @Transactional
  public Workshop visible(String username, long id) {
    Account caller = account(username);
    Workshop w = workshops.findByIdOptional(id).orElseThrow(() -> noWorkshop(id));
    if (!w.runBy(caller.id) && !isAdmin(caller) && enrolments.find(w.id, caller.id).isEmpty()) {
      throw noWorkshop(id);
    }
    return w;
  }

  /** Whether the account runs the workshop or administers the service. */
  @Transactional
  public boolean runs(String username, Workshop w) {
    Account caller = account(username);
    return w.runBy(caller.id) || isAdmin(caller);
  }

  /** The workshops the learner joined that are not over, for their announcement stream. */
  @Transactional
  public List<Workshop> joinedNotEnded(String username) {
    return workshops.joinedNotEnded(account(username).id, Instant.now());
  }

  @Transactional
  public long accountId(String username) {
    return account(username).id;
  }

  /** An enrolled learner's account, or a 404 naming them. */
  @Transactional
  public Account enrolled(Workshop w, String learner) {
    return accounts
        .findByUsername(learner)
        .filter(a -> enrolments.find(w.id, a.id).isPresent())
        .orElseThrow(
            () -> new NotFoundException("'" + learner + "' has not joined workshop " + w.id));
  }

  @Transactional
  public WorkshopView view(Workshop w) {
    List<String> co =
        w.coInstructorIds.stream()
            .map(accounts::findById)
            .filter(Objects::nonNull)
            .map(a -> a.username)
            .sorted()
            .toList();
    return new WorkshopView(
        w.id,
        JoinCodes.display(w.code),
        w.title,
        w.labIds(),
        w.startsAt,
        w.endsAt,
        w.endedAt,
        w.status(Instant.now()).name().toLowerCase(java.util.Locale.ROOT),
        w.capacity,
        (int) enrolments.countIn(w.id),
        w.backend,
        accounts.findById(w.ownerId).username,
        co,
        w.stuckMinutes,
        w.stuckFailures,
        warm.share(w.id));
  }

  /** The workshop's own warm share, when the request sets one (checked with the other fields). */
  private void warmShare(Workshop w, WorkshopRequest r) {
    if (r.warmShare() != null) {
      warm.setShare(w.id, r.warmShare());
    }
  }

  /** Checks and copies the request's fields; on create every required field must be there. */
  private void apply(Workshop w, WorkshopRequest r, boolean create) {
    if (create || r.title() != null) {
      String title = r.title() == null ? "" : r.title().strip();
      if (title.isEmpty() || title.length() > MAX_TITLE) {
        throw new InvalidWorkshopException("title", "1 to " + MAX_TITLE + " characters");
      }
      w.title = title;
    }
    if (create || r.labs() != null) {
      w.labs = String.join(",", labs(r.labs()));
    }
    Instant starts =
        create || r.startsAt() != null ? instant("startsAt", r.startsAt()) : w.startsAt;
    Instant ends = create || r.endsAt() != null ? instant("endsAt", r.endsAt()) : w.endsAt;
    if (!ends.isAfter(starts)) {
      throw new InvalidWorkshopException("endsAt", "must be after startsAt");
    }
    if (Duration.between(starts, ends).compareTo(MAX_LENGTH) > 0) {
      throw new InvalidWorkshopException("endsAt", "a workshop lasts at most 14 days");
    }
    w.startsAt = starts;
    w.endsAt = ends;
    if (create || r.capacity() != null) {
      if (r.capacity() == null || r.capacity() < 1 || r.capacity() > MAX_CAPACITY) {
        throw new InvalidWorkshopException("capacity", "1 to " + MAX_CAPACITY + " learners");
      }
      w.capacity = r.capacity();
    }
    if (r.coInstructors() != null) {
      w.coInstructorIds.clear();
      w.coInstructorIds.addAll(coInstructors(r.coInstructors(), w.ownerId));
    }
    if (r.backend() != null) {
      if (!BACKENDS.contains(r.backend())) {
        throw new InvalidWorkshopException("backend", "embedded or kind");
      }
      w.backend = r.backend();
    }
    if (r.stuckMinutes() != null) {
      w.stuckMinutes = bounded("stuckMinutes", r.stuckMinutes(), 1, 240);
    }
    if (r.warmShare() != null && !(r.warmShare() >= 0 && r.warmShare() <= 1)) {
      throw new InvalidWorkshopException("warmShare", "a share of capacity from 0 to 1");
    }
    if (r.stuckFailures() != null) {
      w.stuckFailures = bounded("stuckFailures", r.stuckFailures(), 2, 20);
    }
  }

  private List<String> labs(List<String> ids) {
    if (ids == null || ids.isEmpty() || ids.size() > MAX_LABS) {
      throw new InvalidWorkshopException("labs", "1 to " + MAX_LABS + " lab ids, in order");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String id : ids) {
      if (id == null || labs.find(id).isEmpty()) {
        throw new InvalidWorkshopException("labs", "no lab '" + id + "'");
      }
      if (!unique.add(id)) {
        throw new InvalidWorkshopException("labs", "'" + id + "' is listed twice");
      }
    }
    return List.copyOf(unique);
  }

  private Set<Long> coInstructors(List<String> names, long ownerId) {
    if (names.size() > MAX_CO_INSTRUCTORS) {
      throw new InvalidWorkshopException(
          "coInstructors", "at most " + MAX_CO_INSTRUCTORS + " co-instructors");
    }
    Set<Long> ids = new HashSet<>();
    for (String name : names) {
      Account a =
          accounts
              .findByUsername(name == null ? "" : name)
              .filter(found -> !Role.LEARNER_NAME.equals(found.role))
              .orElseThrow(
                  () ->
                      new InvalidWorkshopException(
                          "coInstructors", "'" + name + "' is not an instructor"));
      if (a.id != ownerId) {
        ids.add(a.id);
      }
    }
    return ids;
  }

  private static Instant instant(String field, String text) {
    if (text == null || text.length() > 40) {
      throw new InvalidWorkshopException(field, "an ISO-8601 instant such as 2026-12-01T09:00:00Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidWorkshopException(field, "an ISO-8601 instant such as 2026-12-01T09:00:00Z");
    }
  }

  private static int bounded(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidWorkshopException(field, min + " to " + max);
    }
    return value;
  }

  private String freeCode() {
    for (int i = 0; i < 20; i++) {
      String code = JoinCodes.next();
      if (workshops.findByCode(code).isEmpty()) {
        return code;
      }
    }
    throw new IllegalStateException("no free join code after 20 tries");
  }

  private static boolean isAdmin(Account a) {
    return Role.ADMIN_NAME.equals(a.role);
  }

  private Account account(String username) {
    return accounts.findByUsername(username).orElseThrow(() -> new NotFoundException("No account"));
  }

  static NotFoundException noWorkshop(long id) {
    return new NotFoundException("No workshop " + id);
  }
}
