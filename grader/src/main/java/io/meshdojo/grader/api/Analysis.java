package io.meshdojo.grader.api;

import io.meshdojo.grader.checks.CheckRegistry;
import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.findings.IstioctlCodes;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.mesh.Mesh;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The grader's checks over a sandbox's objects, reported the way {@code istioctl analyze} reports
 * them: Istio's own {@code ISTxxxx} code and wording where istioctl has an analyzer for the
 * problem, the grader's {@code MDJxxxx} code and English message otherwise. No lab is needed.
 */
public final class Analysis {

  private Analysis() {}

  /**
   * One message, as {@code Error [IST0101] (VirtualService bookinfo/reviews) Referenced …}.
   *
   * @param level {@code Error}, {@code Warning} or {@code Info}, as istioctl spells them
   * @param graderCode the grader's own code behind it
   */
  public record Message(
      String level,
      String code,
      String kind,
      String namespace,
      String name,
      String text,
      String graderCode) {

    /** istioctl's log line for it. */
    public String line() {
      String ref = namespace.isEmpty() ? name : namespace + "/" + name;
      return level + " [" + code + "] (" + kind + " " + ref + ") " + text;
    }

    public boolean error() {
      return level.equals("Error");
    }
  }

  /**
   * Analyses {@code objects} (plain maps of a whole sandbox; kinds the grader does not model are
   * left out) as a cluster of Istio 1.{@code istioMinor} would see them. Messages about objects
   * outside {@code namespace} are left out unless it is null (all namespaces).
   */
  public static List<Message> analyze(
      List<Map<String, Object>> objects, int istioMinor, String namespace) {
    ResourceIntake.Result read = Grader.readModelled(objects);
    List<Finding> findings = new ArrayList<>(read.findings());
    findings.addAll(CheckRegistry.runAll(new Mesh(List.copyOf(read.resources()))));
    List<Message> out = new ArrayList<>();
    Catalogue catalogue = Catalogue.get();
    for (Finding f : new LinkedHashSet<>(findings)) {
      String[] ref = about(f);
      // A Namespace object counts as part of itself, as istioctl analyze -n reports it.
      boolean inNamespace =
          namespace == null
              || (ref != null
                  && (namespace.equals(ref[1])
                      || ("Namespace".equals(ref[0]) && namespace.equals(ref[2]))));
      if (ref == null || !inNamespace) {
        continue;
      }
      out.add(
          IstioctlCodes.get()
              .report(f, ref[0], ref[1], ref[2], istioMinor)
              .map(
                  r ->
                      new Message(
                          r.level(), r.code(), ref[0], ref[1], ref[2], r.message(), f.code()))
              .orElseGet(
                  () ->
                      new Message(
                          level(catalogue, f),
                          f.code(),
                          ref[0],
                          ref[1],
                          ref[2],
                          catalogue.render(f, "en"),
                          f.code())));
    }
    return List.copyOf(out);
  }

  /**
   * Kind, namespace and name of the object a finding is about, read from its reference ({@code
   * "VirtualService bookinfo/reviews"}, see {@code Resource.ref}); null when it names a file.
   */
  private static String[] about(Finding f) {
    String ref = f.resource();
    int space = ref.indexOf(' ');
    if (space <= 0) {
      return null;
    }
    String rest = ref.substring(space + 1);
    int slash = rest.indexOf('/');
    return new String[] {
      ref.substring(0, space),
      slash < 0 ? "" : rest.substring(0, slash),
      slash < 0 ? rest : rest.substring(slash + 1)
    };
  }

  private static String level(Catalogue catalogue, Finding f) {
    String l = catalogue.level(f).name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(l.charAt(0)) + l.substring(1);
  }
}
