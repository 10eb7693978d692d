package io.meshdojo.lesson;

import io.meshdojo.account.Account;
import io.meshdojo.account.AccountRepository;
import io.meshdojo.content.ProgressStatus;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class LessonService {

  private final LessonRepository lessons;
  private final LessonProgressRepository progress;
  private final LessonOpenedRepository opened;
  private final AccountRepository accounts;

  public LessonService(
      LessonRepository lessons,
      LessonProgressRepository progress,
      LessonOpenedRepository opened,
      AccountRepository accounts) {
    this.lessons = lessons;
    this.progress = progress;
    this.opened = opened;
    this.accounts = accounts;
  }

  public LessonCatalogue catalogue() {
    return lessons.catalogue();
  }

  public List<LessonCatalogue.Served> list(Language language) {
    return lessons.catalogue().all(language);
  }

  public Optional<LessonCatalogue.Served> find(String id, Language language) {
    return lessons.catalogue().find(id, language);
  }

  /** Lesson ids the account has read; empty for visitors. */
  public Set<String> readBy(Optional<String> username) {
    return username
        .flatMap(accounts::findByUsername)
        .map(a -> progress.readLessonIds(a.id))
        .orElse(Set.of());
  }

  /**
   * Each lesson's status for the account, in curriculum order: done once marked read, in progress
   * once opened; empty for visitors, who see no badges.
   */
  @Transactional
  public Map<String, ProgressStatus> statuses(Optional<String> username) {
    Map<String, ProgressStatus> statuses = new LinkedHashMap<>();
    username
        .flatMap(accounts::findByUsername)
        .ifPresent(
            account -> {
              Set<String> read = progress.readLessonIds(account.id);
              Set<String> seen = opened.openedLessonIds(account.id);
              for (LessonCatalogue.Served s : list(Language.EN)) {
                String id = s.lesson().id();
                statuses.put(id, ProgressStatus.of(read.contains(id), seen.contains(id)));
              }
            });
    return statuses;
  }

  /** Records that a signed-in learner opened the lesson (the first time only). */
  @Transactional
  public void recordOpened(String username, String lessonId) {
    requireLesson(lessonId);
    opened.record(account(username).id, lessonId, Instant.now());
  }

  /** When the account read each lesson it has read, newest first. */
  public List<LessonProgress> history(String username) {
    return accounts.findByUsername(username).map(a -> progress.history(a.id)).orElse(List.of());
  }

  /** Records that the account has read the lesson; marking twice keeps the first time. */
  @Transactional
  public void markRead(String username, String lessonId) {
    requireLesson(lessonId);
    Account account = account(username);
    if (progress.find(account.id, lessonId).isEmpty()) {
      LessonProgress read = new LessonProgress();
      read.accountId = account.id;
      read.lessonId = lessonId;
      read.readAt = Instant.now();
      progress.persist(read);
    }
  }

  @Transactional
  public void markUnread(String username, String lessonId) {
    requireLesson(lessonId);
    progress.find(account(username).id, lessonId).ifPresent(progress::delete);
  }

  private void requireLesson(String lessonId) {
    if (lessons.catalogue().find(lessonId, Language.EN).isEmpty()) {
      throw new NotFoundException("No lesson '" + lessonId + "'");
    }
  }

  private Account account(String username) {
    return accounts
        .findByUsername(username)
        .orElseThrow(() -> new NotFoundException("No account " + username));
  }
}
