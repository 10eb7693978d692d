package io.meshdojo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs {@code *Test} against the code, failsafe runs {@code *IT} against the packaged jar.
 * A test named for the wrong runner would silently run in the wrong place, or not at all.
 */
class TestNamingTest {

  static JavaClasses tests;

  @BeforeAll
  static void importTests() {
    tests =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.meshdojo");
  }

  @Test
  void testMethodsLiveInClassesNamedForTheirRunner() {
    DescribedPredicate<JavaClass> namedForARunner =
        JavaClass.Predicates.simpleNameEndingWith("Test")
            .or(JavaClass.Predicates.simpleNameEndingWith("IT"));
    methods()
        .that()
        .areAnnotatedWith(Test.class)
        .should()
        .beDeclaredInClassesThat(namedForARunner)
        .check(tests);
  }

  @Test
  void packagedJarTestsAreITsAndInProcessTestsAreNot() {
    classes()
        .that()
        .areAnnotatedWith(QuarkusIntegrationTest.class)
        .should()
        .haveSimpleNameEndingWith("IT")
        .check(tests);
    classes()
        .that()
        .areAnnotatedWith(QuarkusTest.class)
        .should()
        .haveSimpleNameEndingWith("Test")
        .check(tests);
  }
}
