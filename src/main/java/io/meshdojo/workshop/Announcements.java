package io.meshdojo.workshop;

import io.meshdojo.web.BadInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Messages an instructor broadcasts to every learner of a workshop, at once and recorded. */
@ApplicationScoped
public class Announcements {

  static final int MAX_MESSAGE = 500;

  /** An announcement as learners receive it; {@code type} tells it apart on a shared stream. */
  public record View(
      String type,
      long id,
      long workshop,
      String workshopTitle,
      String author,
      String message,
      Instant sentAt) {}

  private final AnnouncementRepository announcements;
  private final AuditRepository audit;
  private final WorkshopEvents events;

  public Announcements(
      AnnouncementRepository announcements, AuditRepository audit, WorkshopEvents events) {
    this.announcements = announcements;
    this.audit = audit;
    this.events = events;
  }

  @Transactional
  public View send(Workshop w, String author, String message) {
    String text = message == null ? "" : message.strip();
    if (text.isEmpty() || text.length() > MAX_MESSAGE) {
      throw new BadInputException("message: 1 to " + MAX_MESSAGE + " characters");
    }
    Announcement a = new Announcement();
    a.workshopId = w.id;
    a.author = author;
    a.message = text;
    a.sentAt = Instant.now();
    announcements.persist(a);
    audit.record(
        w.id, author, "announce", null, text.length() > 200 ? text.substring(0, 200) : text);
    events.publish(new WorkshopEvents.Change(w.id, WorkshopEvents.Kind.ANNOUNCEMENT, a.id));
    return view(a, w);
  }

  @Transactional
  public List<View> of(Workshop w) {
    return announcements.of(w.id).stream().map(a -> view(a, w)).toList();
  }

  /** Each announcement of these workshops from now on, as it is sent. */
  public Multi<View> stream(List<Workshop> joined) {
    Map<Long, Workshop> byId =
        joined.stream().collect(Collectors.toMap(w -> w.id, Function.identity()));
    Set<Long> ids = byId.keySet();
    return events
        .changes(Set.copyOf(ids))
        .filter(c -> c.kind() == WorkshopEvents.Kind.ANNOUNCEMENT)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(c -> find(c.subject()).map(a -> view(a, byId.get(a.workshopId))))
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  private Optional<Announcement> find(long id) {
    return QuarkusTransaction.requiringNew().call(() -> announcements.findByIdOptional(id));
  }

  private static View view(Announcement a, Workshop w) {
    return new View("announcement", a.id, a.workshopId, w.title, a.author, a.message, a.sentAt);
  }
}
