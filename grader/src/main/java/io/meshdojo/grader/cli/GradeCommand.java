package io.meshdojo.grader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.api.Submission;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.SafeYaml;
import io.meshdojo.grader.live.LiveCluster;
import io.meshdojo.grader.model.Resource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code grader/grade --lab LAB [--lang en|zh] [--json] [--labs DIR] [--environments DIR]} and one
 * of: {@code PATH...} (files as they would land in a fresh sandbox: environment, setup, then the
 * files), {@code --state DUMP} (a dump of a whole sandbox, graded as it is) or {@code --kubeconfig
 * FILE [--context C]} (a live cluster, graded as it is). Exit status: 0 every objective met, 1 some
 * objective not met, 2 unusable input or usage.
 */
public final class GradeCommand {

  static final int MET = 0;
  static final int NOT_MET = 1;
  static final int UNUSABLE = 2;

  private static final String USAGE =
      "usage: grade --lab LAB [--lang en|zh] [--json] [--labs DIR] [--environments DIR] PATH...\n"
          + "       grade --lab LAB ... --state DUMP        (a whole sandbox, e.g. kubectl get -A -o yaml)\n"
          + "       grade --lab LAB ... --kubeconfig FILE [--context C]";

  private GradeCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String lab = null;
    String lang = "en";
    boolean json = false;
    Path labs = null;
    Path environments = null;
    Path state = null;
    Path kubeconfig = null;
    String context = null;
    List<Path> paths = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--lab" -> lab = args[++i];
          case "--lang" -> lang = args[++i];
          case "--json" -> json = true;
          case "--labs" -> labs = Path.of(args[++i]);
          case "--environments" -> environments = Path.of(args[++i]);
          case "--state" -> state = Path.of(args[++i]);
          case "--kubeconfig" -> kubeconfig = Path.of(args[++i]);
          case "--context" -> context = args[++i];
          case "-h", "--help" -> {
            out.println(USAGE);
            return MET;
          }
          default -> {
            if (args[i].startsWith("--")) {
              err.println("unknown option " + args[i] + "\n" + USAGE);
              return UNUSABLE;
            }
            paths.add(Path.of(args[i]));
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      err.println("option " + args[args.length - 1] + " needs a value\n" + USAGE);
      return UNUSABLE;
    }
    if (lab == null
        || !(lang.equals("en") || lang.equals("zh"))
        || (paths.isEmpty() ? 0 : 1) + (state == null ? 0 : 1) + (kubeconfig == null ? 0 : 1)
            != 1) {
      err.println(USAGE);
      return UNUSABLE;
    }
    Grader grader;
    try {
      grader = grader(labs, environments);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(e.getMessage());
      return UNUSABLE;
    }
    try {
      if (grader.lab(lab).isEmpty()) {
        err.println("no lab " + lab + "; the labs are: " + String.join(", ", grader.labIds()));
        return UNUSABLE;
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return UNUSABLE;
    }
    GradeResult result;
    if (kubeconfig != null) {
      List<Finding> findings = new ArrayList<>();
      List<Resource> live;
      try {
        live = LiveCluster.list(kubeconfig, context, findings);
      } catch (RuntimeException e) {
        err.println("cannot read the cluster: " + e.getMessage());
        return UNUSABLE;
      }
      result = grader.gradeState(lab, live, findings, lang);
    } else if (state != null) {
      List<Submission> dump;
      try {
        dump = read(state);
      } catch (IOException e) {
        err.println("cannot read " + state + ": " + e.getMessage());
        return UNUSABLE;
      }
      result = grader.gradeDump(lab, dump, lang);
    } else {
      List<Submission> files = new ArrayList<>();
      for (Path p : paths) {
        try {
          files.addAll(read(p));
        } catch (IOException e) {
          err.println("cannot read " + p + ": " + e.getMessage());
          return UNUSABLE;
        }
      }
      if (files.isEmpty()) {
        err.println("no .yaml, .yml or .json file in " + paths);
        return UNUSABLE;
      }
      result = grader.grade(lab, files, lang);
    }
    // Input that could not be read leaves nothing meaningful to score: say what is wrong and where,
    // and print no score that would look like a grade.
    boolean unreadable = result.unreadableInput();
    if (json) {
      try {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(
            mapper.writeValueAsString(
                unreadable ? result.unreadableJsonMap() : result.toJsonMap()));
      } catch (IOException e) {
        err.println(e.getMessage());
        return UNUSABLE;
      }
    } else if (unreadable) {
      printUnreadable(result, lang, err);
    } else {
      print(result, lang, out);
    }
    if (unreadable) {
      return UNUSABLE;
    }
    return result.passed() ? MET : NOT_MET;
  }

  private static Grader grader(Path labs, Path environments) {
    if (labs == null && environments == null) {
      return Grader.fromClasspath();
    }
    if (labs == null) {
      throw new IllegalArgumentException("--environments needs --labs");
    }
    return environments == null
        ? Grader.fromDirectory(labs)
        : Grader.fromDirectories(labs, environments);
  }

  static List<Submission> read(Path p) throws IOException {
    List<Submission> out = new ArrayList<>();
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.walk(p, 8)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String n = f.getFileName().toString();
          if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
            out.add(new Submission(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
          }
        }
      }
    } else {
      if (Files.size(p) > SafeYaml.MAX_BYTES) {
        // Read just past the cap: intake then reports the size without the whole file in memory.
        byte[] head = new byte[SafeYaml.MAX_BYTES + 1];
        try (var in = Files.newInputStream(p)) {
          int n = in.readNBytes(head, 0, head.length);
          out.add(
              new Submission(p.toString(), new String(head, 0, n, StandardCharsets.ISO_8859_1)));
        }
      } else {
        out.add(new Submission(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  static void print(GradeResult r, String lang, PrintStream out) {
    boolean zh = lang.equals("zh");
    out.println(
        (zh ? "实验 " : "Lab ")
            + r.lab()
            + ": "
            + r.score()
            + "/"
            + r.maxScore()
            + (r.passed() ? (zh ? "  通过" : "  PASSED") : (zh ? "  未通过" : "  NOT PASSED")));
    for (GradeResult.ObjectiveResult o : r.objectives()) {
      String head = (o.passed() ? "  [x] " : "  [ ] ") + o.id() + " (" + points(o, zh) + "): ";
      if (o.passed()) {
        out.println(head + o.expected());
      } else {
        out.println(head);
        out.println("      " + (zh ? "预期：" : "expected: ") + o.expected());
        out.println("      " + (zh ? "实际：" : "actual:   ") + o.message());
      }
    }
    if (!r.findings().isEmpty()) {
      out.println(zh ? "问题：" : "Findings:");
      printFindings(r, out);
    }
  }

  static void printUnreadable(GradeResult r, String lang, PrintStream err) {
    boolean zh = lang.equals("zh");
    err.println(
        zh
            ? "实验 " + r.lab() + "：输入无法读取，未评分。请先修正："
            : "Lab " + r.lab() + ": the input cannot be read, so nothing was graded. Fix first:");
    printFindings(r, err);
  }

  private static void printFindings(GradeResult r, PrintStream out) {
    for (GradeResult.FindingResult f : r.findings()) {
      out.println(
          "  "
              + f.level().toUpperCase(java.util.Locale.ROOT)
              + " ["
              + f.code()
              + "] ("
              + f.resource()
              + ") "
              + f.message());
    }
  }

  private static String points(GradeResult.ObjectiveResult o, boolean zh) {
    if (zh) {
      return o.points() + " 分";
    }
    return o.points() + (o.points() == 1 ? " point" : " points");
  }
}
