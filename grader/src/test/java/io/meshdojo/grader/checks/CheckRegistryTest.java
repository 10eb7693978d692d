package io.meshdojo.grader.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.grader.findings.Catalogue;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.mesh.Mesh;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.testing.Fixtures;
import io.meshdojo.grader.testing.RepositoryEnvironments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Meta-tests over the check registry and the findings catalogue, plus one case per check. */
class CheckRegistryTest {

  private static final Path MAIN = Path.of("grader/src/main/java/io/meshdojo/grader");
  private static final Pattern CODE = Pattern.compile("\"(MDJ[0-9]{4})\"");

  static Mesh meshWith(String yaml) {
    List<Resource> all = new ArrayList<>(RepositoryEnvironments.get().baseline("ecosystem"));
    ResourceIntake.Result r = ResourceIntake.read("fixture.yaml", yaml);
    assertThat(r.findings()).as("fixture intake").isEmpty();
    all.addAll(r.resources());
    return new Mesh(all);
  }

  static Stream<Check> checks() {
    return CheckRegistry.all().stream();
  }

  @Test
  void eachCheckIsRegisteredOnceWithAUniqueIdAndDescription() {
    Set<Class<?>> classes = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Check c : CheckRegistry.all()) {
      assertThat(classes.add(c.getClass())).as("registered twice: " + c.getClass()).isTrue();
      assertThat(ids.add(c.id())).as("duplicate id " + c.id()).isTrue();
      assertThat(c.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(c.description()).as(c.id()).isNotBlank().endsWith(".");
      assertThat(c.reads()).as(c.id()).isNotEmpty();
      assertThat(c.codes()).as(c.id()).isNotEmpty();
    }
  }

  @Test
  void everyCheckClassInThePackageIsRegistered() throws IOException {
    Set<String> registered = new TreeSet<>();
    CheckRegistry.all().forEach(c -> registered.add(c.getClass().getSimpleName()));
    Set<String> implementations = new TreeSet<>();
    try (Stream<Path> files = Files.list(MAIN.resolve("checks"))) {
      for (Path f : files.toList()) {
        if (Files.readString(f).contains("implements Check")) {
          implementations.add(f.getFileName().toString().replace(".java", ""));
        }
      }
    }
    assertThat(registered).isEqualTo(implementations);
  }

  @Test
  void codesUsedInTheSourcesAndTheCatalogueAreTheSameSet() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = CODE.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).isEqualTo(new TreeSet<>(Catalogue.get().entries().keySet()));
  }

  @Test
  void eachCheckDeclaresExactlyTheCodesItsSourceEmits() throws IOException {
    for (Check c : CheckRegistry.all()) {
      String source =
          Files.readString(MAIN.resolve("checks/" + c.getClass().getSimpleName() + ".java"));
      Set<String> inSource = new TreeSet<>();
      Matcher m = CODE.matcher(source);
      while (m.find()) {
        inSource.add(m.group(1));
      }
      assertThat(inSource).as(c.id()).isEqualTo(new TreeSet<>(c.codes()));
      c.codes().forEach(code -> assertThat(Catalogue.get().entries()).containsKey(code));
    }
  }

  @Test
  void catalogueEntriesAreBilingualWithTheSamePlaceholders() {
    for (Catalogue.Entry e : Catalogue.get().entries().values()) {
      assertThat(e.en()).as(e.code()).isNotBlank();
      assertThat(e.zh()).as(e.code()).isNotBlank().isNotEqualTo(e.en());
      Set<String> en = placeholders(e.en());
      assertThat(placeholders(e.zh())).as(e.code()).isEqualTo(en);
    }
  }

  private static Set<String> placeholders(String t) {
    Set<String> s = new TreeSet<>();
    Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(t);
    while (m.find()) {
      s.add(m.group(1));
    }
    return s;
  }

  @Test
  void cleanBaselinesGiveNoFindings() {
    assertThat(CheckRegistry.runAll(new Mesh(RepositoryEnvironments.get().baseline("ecosystem"))))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void eachCheckFindsItsMistakeReadsOnlyDeclaredKindsAndFillsEveryPlaceholder(Check check) {
    String yaml = Mistakes.BY_CHECK.get(check.id());
    assertThat(yaml).as("a fixture for " + check.id()).isNotNull();
    CheckContext ctx = new CheckContext(meshWith(yaml));
    List<Finding> findings = check.run(ctx);
    assertThat(findings).as(check.id()).isNotEmpty();
    assertThat(ctx.kindsRead()).as(check.id() + " reads").isSubsetOf(check.reads());
    Set<String> emitted = new TreeSet<>();
    for (Finding f : findings) {
      emitted.add(f.code());
      Catalogue.Entry e = Catalogue.get().entry(f.code());
      assertThat(f.args().keySet()).as(f.code()).containsAll(e.placeholders());
      assertThat(Catalogue.get().render(f, "zh")).doesNotContain("{" + "?");
    }
    assertThat(check.codes()).containsAll(emitted);
    // Every declared code is exercised by the fixture.
    assertThat(emitted).as(check.id() + " codes exercised").isEqualTo(new TreeSet<>(check.codes()));
  }

  @ParameterizedTest(name = "{0} stays quiet on the reference solutions")
  @MethodSource("checks")
  void eachCheckIsQuietOnACorrectConfiguration(Check check) {
    String good =
        Fixtures.REVIEWS_SUBSETS
            + """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              hosts: [reviews]
              http:
              - match: [{headers: {end-user: {exact: jason}}}]
                route: [{destination: {host: reviews, subset: v2}}]
              - route: [{destination: {host: reviews, subset: v1}}]
            ---
            apiVersion: microservice.slime.io/v1alpha2
            kind: SmartLimiter
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              sets:
                _base:
                  descriptor:
                  - action: {quota: "30/{{._base.pod}}", fill_interval: {seconds: 1}, strategy: average}
                    condition: "true"
                    target: {port: 9080}
            ---
            apiVersion: metaprotocol.aeraki.io/v1alpha1
            kind: MetaRouter
            metadata: {name: m, namespace: meta-dubbo}
            spec:
              hosts: [org.apache.dubbo.samples.basic.api.demoservice]
              routes:
              - name: split
                route:
                - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v1}, weight: 20}
                - {destination: {host: org.apache.dubbo.samples.basic.api.demoservice, subset: v2}, weight: 80}
            """;
    assertThat(check.run(new CheckContext(meshWith(good)))).isEmpty();
  }
}
