package io.meshdojo;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's feature packages depend on each other in one direction only: a newcomer can read
 * any of them knowing only what it imports, and pages that combine several features are composed in
 * {@code ui}, on top of them all.
 */
class PackageCyclesTest {

  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshdojo");

  @Test
  void theServicesPackagesAreFreeOfCycles() {
    slices().matching("io.meshdojo.(*)..").should().beFreeOfCycles().check(SERVICE);
  }
}
