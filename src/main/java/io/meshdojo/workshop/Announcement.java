package io.meshdojo.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message an instructor broadcast to every learner of a workshop. */
@Entity
@Table(name = "workshop_announcement")
public class Announcement {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workshop_id", nullable = false)
  public Long workshopId;

  @Column(nullable = false, length = 32)
  public String author;

  @Column(nullable = false, length = 1000)
  public String message;

  @Column(name = "sent_at", nullable = false)
  public Instant sentAt;
}
