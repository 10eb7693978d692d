package io.meshdojo.sandbox.embedded.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The registry is honest: every controller class is registered once, and docs/sandbox.md names each
 * one, so what the documentation says is reconciled is what runs.
 */
@QuarkusTest
class ControllerRegistryTest {

  @Inject ControllerManager manager;

  @Test
  void everyControllerIsRegisteredAndDocumented() throws Exception {
    Set<String> declared =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(Controller.class.getPackageName())
                .stream()
                .filter(c -> c.isAssignableTo(Controller.class) && !c.isInterface())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
    Set<String> registered =
        manager.controllers().stream()
            .map(c -> c.getClass().getSimpleName().replaceAll("_Subclass$|_ClientProxy$", ""))
            .collect(Collectors.toSet());
    assertThat(declared).isNotEmpty();
    assertThat(registered).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(manager.controllers()).hasSameSizeAs(declared);
    String docs = Files.readString(Path.of("docs/sandbox.md"));
    assertThat(declared).allSatisfy(name -> assertThat(docs).contains("`" + name + "`"));
  }
}
