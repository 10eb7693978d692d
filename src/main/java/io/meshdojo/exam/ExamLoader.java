package io.meshdojo.exam;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.meshdojo.content.Bilingual;
import io.meshdojo.content.ContentException;
import io.meshdojo.content.YamlFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code exams/}: each {@code <id>/exam.yaml} and the bank's {@code tasks/<id>.yaml}, checked
 * against {@code exam.schema.json}; then that each exam's domain weights total 100, its pool names
 * tasks that exist, in its domains, enough of each domain for a draw, and that every manifest named
 * exists. Fails with every problem found, each naming its file.
 */
public final class ExamLoader {

  static final String SCHEMA = "exam.schema.json";
  private static final Pattern EXAM_FILE = Pattern.compile("([^/]+)/exam\\.yaml");
  private static final Pattern TASK_FILE = Pattern.compile("tasks/([^/]+)\\.yaml");

  public List<Exam> load(Map<String, String> files) {
    List<String> problems = new ArrayList<>();
    if (!files.containsKey(SCHEMA)) {
      throw new ContentException(List.of("exams/" + SCHEMA + ": missing"));
    }
    JsonSchema schema = YamlFiles.schema(files.get(SCHEMA));
    Map<String, ExamTask> bank = new LinkedHashMap<>();
    for (var file : files.entrySet()) {
      Matcher m = TASK_FILE.matcher(file.getKey());
      if (m.matches()) {
        String where = "exams/" + file.getKey();
        document(where, file.getValue(), "ExamTask", m.group(1), schema, problems)
            .flatMap(doc -> task(where, m.group(1), doc.path("spec"), files, problems))
            .ifPresent(t -> bank.put(t.id(), t));
      }
    }
    List<Exam> exams = new ArrayList<>();
    for (var file : files.entrySet()) {
      Matcher m = EXAM_FILE.matcher(file.getKey());
      if (m.matches()) {
        String where = "exams/" + file.getKey();
        document(where, file.getValue(), "Exam", m.group(1), schema, problems)
            .flatMap(doc -> exam(where, m.group(1), doc.path("spec"), bank, problems))
            .ifPresent(exams::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new ContentException(problems);
    }
    return List.copyOf(exams);
  }

  private static Optional<JsonNode> document(
      String where,
      String text,
      String kind,
      String name,
      JsonSchema schema,
      List<String> problems) {
    Optional<JsonNode> valid = YamlFiles.validDocument(where, text, schema, problems);
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc = valid.get();
    if (!kind.equals(doc.path("kind").asText())) {
      problems.add(where + ": kind must be " + kind);
      return Optional.empty();
    }
    if (!name.equals(doc.path("metadata").path("name").asText())) {
      problems.add(where + ": metadata.name differs from the " + kind + "'s file or folder name");
      return Optional.empty();
    }
    return Optional.of(doc);
  }

  private static Optional<ExamTask> task(
      String where, String id, JsonNode spec, Map<String, String> files, List<String> problems) {
    Map<String, List<JsonNode>> parameters = new LinkedHashMap<>();
    spec.path("parameters")
        .fields()
        .forEachRemaining(
            p -> {
              List<JsonNode> values = new ArrayList<>();
              p.getValue().forEach(values::add);
              parameters.put(p.getKey(), List.copyOf(values));
            });
    int before = problems.size();
    Map<String, String> setup = manifests(where, spec.path("setup"), files, problems);
    Map<String, String> solution = manifests(where, spec.path("solution"), files, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new ExamTask(
            id,
            spec.path("domain").asText(),
            bilingual(spec.path("title")),
            bilingual(spec.path("instructions")),
            spec.path("docs").asText(),
            spec.path("targetMinutes").asInt(),
            parameters,
            setup,
            solution,
            spec.path("objectives")));
  }

  private static Map<String, String> manifests(
      String where, JsonNode paths, Map<String, String> files, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : paths) {
      String text = files.get(p.asText());
      if (text == null) {
        problems.add(where + ": names " + p.asText() + ", which does not exist");
      } else {
        out.put(p.asText(), text);
      }
    }
    return out;
  }

  private static Optional<Exam> exam(
      String where, String id, JsonNode spec, Map<String, ExamTask> bank, List<String> problems) {
    List<Exam.Domain> domains = new ArrayList<>();
    spec.path("domains")
        .forEach(
            d ->
                domains.add(
                    new Exam.Domain(
                        d.path("id").asText(),
                        d.path("weight").asInt(),
                        bilingual(d.path("title")))));
    int before = problems.size();
    int total = domains.stream().mapToInt(Exam.Domain::weight).sum();
    if (total != 100) {
      problems.add(where + ": the domain weights total " + total + ", not 100");
    }
    List<ExamTask> pool = new ArrayList<>();
    for (JsonNode t : spec.path("pool")) {
      ExamTask task = bank.get(t.asText());
      if (task == null) {
        problems.add(where + ": pool names task " + t.asText() + ", which is not in exams/tasks/");
      } else if (domains.stream().noneMatch(d -> d.id().equals(task.domain()))) {
        problems.add(
            where
                + ": task "
                + task.id()
                + " is in domain "
                + task.domain()
                + ", not one of the exam's");
      } else {
        pool.add(task);
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    String minutes = spec.path("duration").asText();
    Exam exam =
        new Exam(
            id,
            bilingual(spec.path("title")),
            bilingual(spec.path("rules")),
            spec.path("environment").asText(),
            Duration.ofMinutes(Long.parseLong(minutes.substring(0, minutes.length() - 1))),
            spec.path("passingScore").asInt(),
            spec.path("tasksPerAttempt").asInt(),
            spec.path("review").asBoolean(true),
            List.copyOf(domains),
            List.copyOf(pool));
    Draw.quota(exam)
        .forEach(
            (domain, wanted) -> {
              int have = exam.tasksOf(domain).size();
              if (have < wanted) {
                problems.add(
                    where
                        + ": a draw needs "
                        + wanted
                        + " tasks of domain "
                        + domain
                        + ", the pool has "
                        + have);
              }
            });
    return problems.size() > before ? Optional.empty() : Optional.of(exam);
  }

  private static Bilingual bilingual(JsonNode node) {
    return new Bilingual(node.path("en").asText(), node.path("zh").asText());
  }
}
