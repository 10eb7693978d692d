package io.meshdojo.workshop;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class AnnouncementRepository implements PanacheRepository<Announcement> {

  public List<Announcement> of(long workshopId) {
    return list("workshopId = ?1 order by sentAt desc, id desc", workshopId);
  }
}
