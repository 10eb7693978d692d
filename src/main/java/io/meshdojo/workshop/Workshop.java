package io.meshdojo.workshop;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An instructor-led workshop: labs in order, a window, a capacity and a join code. */
@Entity
@Table(name = "workshop")
public class Workshop {

  /** Where a workshop stands at a moment. */
  public enum Status {
    SCHEDULED,
    RUNNING,
    ENDED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, length = 16)
  public String code;

  @Column(nullable = false, length = 200)
  public String title;

  @Column(name = "owner_id", nullable = false)
  public Long ownerId;

  /** The labs' ids in order, comma-separated (ids never hold commas). */
  @Column(nullable = false, length = 2000)
  public String labs;

  @Column(name = "starts_at", nullable = false)
  public Instant startsAt;

  @Column(name = "ends_at", nullable = false)
  public Instant endsAt;

  /** When an instructor ended the workshop before {@code endsAt}. */
  @Column(name = "ended_at")
  public Instant endedAt;

  @Column(nullable = false)
  public int capacity;

  @Column(length = 16)
  public String backend;

  @Column(name = "stuck_minutes", nullable = false)
  public int stuckMinutes;

  @Column(name = "stuck_failures", nullable = false)
  public int stuckFailures;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "workshop_instructor", joinColumns = @JoinColumn(name = "workshop_id"))
  @Column(name = "account_id")
  public Set<Long> coInstructorIds = new HashSet<>();

  public List<String> labIds() {
    return Arrays.asList(labs.split(","));
  }

  /** When the workshop ends, or ended: early if an instructor ended it. */
  public Instant end() {
    return endedAt != null && endedAt.isBefore(endsAt) ? endedAt : endsAt;
  }

  public Status status(Instant now) {
    if (!now.isBefore(end())) {
      return Status.ENDED;
    }
    return now.isBefore(startsAt) ? Status.SCHEDULED : Status.RUNNING;
  }

  /** Whether the account runs this workshop (owner or co-instructor). */
  public boolean runBy(long accountId) {
    return ownerId == accountId || coInstructorIds.contains(accountId);
  }
}
