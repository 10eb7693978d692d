package io.meshdojo.grader;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The grader is plain Java: the service depends on it, never the other way round, and only through
 * its {@code api} package, whose public signatures name nothing of the grader's insides. The
 * service's own feature packages depend on each other in one direction only; pages that combine
 * several features are composed in {@code ui}, on top of them all.
 */
class ArchitectureTest {

  private static final String API = "io.meshdojo.grader.api..";

  /** The service and the grader together, as the service's jar holds them. */
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshdojo");

  /**
   * Public members of the api that still name grader internals, for the grader's own CLI and tests
   * (the service cannot use them: it may not name their types). None may be added; each one moved
   * onto api types should leave this list.
   */
  private static final Set<String> INTERNAL_ENTRY_POINTS =
      Set.of("Grader.lab", "Grader.gradeState", "Environments.baseline");

  private static final JavaClasses GRADER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshdojo.grader");

  @Test
  void theServicesPackagesAreFreeOfCycles() {
    slices().matching("io.meshdojo.(*)..").should().beFreeOfCycles().check(ALL);
  }

  @Test
  void pagesThatCombineFeaturesSitOnTopOfThemAll() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.meshdojo.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.meshdojo.ui..")
        .check(ALL);
  }

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
  void theServiceUsesTheGraderOnlyThroughItsApi() {
    noClasses()
        .that()
        .resideInAPackage("io.meshdojo..")
        .and()
        .resideOutsideOfPackage("io.meshdojo.grader..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.meshdojo.grader..").and(not(resideInAPackage(API))))
        .check(ALL);
  }

  @Test
  void theApisPublicSignaturesUseOnlyApiAndJdkTypes() {
    codeUnits()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(API)
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .should(nameOnlyApiAndJdkTypes())
        .check(GRADER);
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(API)
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .should(nameOnlyApiAndJdkTypes())
        .check(GRADER);
  }

  /**
   * Every type in the member's signature, generic arguments included, is the api's or the JDK's.
   */
  private static <M extends JavaMember> ArchCondition<M> nameOnlyApiAndJdkTypes() {
    return new ArchCondition<>("name only api and JDK types") {
      @Override
      public void check(M member, ConditionEvents events) {
        String name = member.getOwner().getSimpleName() + "." + member.getName();
        if (INTERNAL_ENTRY_POINTS.contains(name)) {
          return;
        }
        for (JavaClass type : signatureTypes(member)) {
          JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
          String pkg = base.getPackageName();
          boolean allowed =
              base.isPrimitive() || pkg.startsWith("java.") || pkg.equals("io.meshdojo.grader.api");
          if (!allowed) {
            events.add(
                SimpleConditionEvent.violated(
                    member, member.getFullName() + " names " + type.getName()));
          }
        }
      }
    };
  }

  private static List<JavaClass> signatureTypes(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaCodeUnit unit) {
      types.addAll(unit.getParameterTypes());
      types.add(unit.getReturnType());
      unit.getThrowsClause().getTypes().forEach(types::add);
    } else if (member instanceof JavaField field) {
      types.add(field.getType());
    }
    List<JavaClass> raw = new ArrayList<>();
    types.forEach(t -> raw.addAll(t.getAllInvolvedRawTypes()));
    return raw;
  }

  @Test
  void theImportSeesTheGrader() {
    org.assertj.core.api.Assertions.assertThat(GRADER.contain("io.meshdojo.grader.intake.SafeYaml"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(ALL.contain("io.meshdojo.grade.CheckService"))
        .isTrue();
  }
}
