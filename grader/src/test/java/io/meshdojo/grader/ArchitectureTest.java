package io.meshdojo.grader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The grader is plain Java: the service depends on it, never the other way round. */
class ArchitectureTest {

  private static final JavaClasses GRADER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshdojo.grader");

  @Test
  void graderDependsOnNoServiceQuarkusOrJakartaClass() {
    noClasses()
        .that()
        .resideInAPackage("io.meshdojo.grader..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..", "jakarta..", "javax.ws..", "io.vertx..", "io.smallrye..")
        .check(GRADER);
  }

  @Test
  void graderUsesNoMeshDojoClassOutsideItself() {
    noClasses()
        .that()
        .resideInAPackage("io.meshdojo.grader..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "are io.meshdojo classes outside io.meshdojo.grader",
                c ->
                    c.getPackageName().startsWith("io.meshdojo")
                        && !c.getPackageName().equals("io.meshdojo.grader")
                        && !c.getPackageName().startsWith("io.meshdojo.grader.")))
        .check(GRADER);
  }

  @Test
  void theImportSeesTheGrader() {
    org.assertj.core.api.Assertions.assertThat(GRADER.contain("io.meshdojo.grader.intake.SafeYaml"))
        .isTrue();
  }
}
