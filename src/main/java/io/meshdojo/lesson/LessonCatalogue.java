package io.meshdojo.lesson;

import io.meshdojo.web.Language;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All lessons in all languages, in curriculum order (track, then order within the track). */
public final class LessonCatalogue {

  /** A lesson as served for a requested language, which may be the other one. */
  public record Served(Lesson lesson, Language requested) {
    public boolean fallback() {
      return lesson.language() != requested;
    }
  }

  private final List<Track> tracks;
  private final Map<String, Map<Language, Lesson>> byId = new LinkedHashMap<>();

  LessonCatalogue(List<Track> tracks, List<Lesson> lessons) {
    this.tracks = List.copyOf(tracks);
    Map<String, Integer> trackPosition = new LinkedHashMap<>();
    tracks.forEach(t -> trackPosition.put(t.id(), t.position()));
    lessons.stream()
        .sorted(
            Comparator.comparing((Lesson l) -> trackPosition.get(l.track()))
                .thenComparingInt(Lesson::order)
                .thenComparing(Lesson::id))
        .forEach(
            l ->
                byId.computeIfAbsent(l.id(), k -> new EnumMap<>(Language.class))
                    .put(l.language(), l));
  }

  public List<Track> tracks() {
    return tracks;
  }

  public Optional<Track> track(String id) {
    return tracks.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Every lesson id once, each in the requested language where it exists, else the other. */
  public List<Served> all(Language language) {
    return byId.keySet().stream().map(id -> find(id, language).orElseThrow()).toList();
  }

  public Optional<Served> find(String id, Language language) {
    Map<Language, Lesson> versions = byId.get(id);
    if (versions == null) {
      return Optional.empty();
    }
    Lesson lesson = versions.getOrDefault(language, versions.get(language.other()));
    return Optional.of(new Served(lesson, language));
  }

  public Optional<Lesson> exact(String id, Language language) {
    return Optional.ofNullable(byId.getOrDefault(id, Map.of()).get(language));
  }

  public int size() {
    return byId.size();
  }
}
