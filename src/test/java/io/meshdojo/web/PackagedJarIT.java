package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.testing.LabFolders;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on its embedded defaults (H2, content inside the jar), started by Quarkus as
 * {@code java -jar target/quarkus-app/quarkus-run.jar}.
 */
@QuarkusIntegrationTest
class PackagedJarIT {

  @Test
  void theJarAloneServesTheChineseCurriculumAndTheLabs() {
    List<String> titles =
        given()
            .get("/api/lessons?lang=zh")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("title");
    assertThat(titles).hasSizeGreaterThanOrEqualTo(14).allMatch(t -> t.matches(".*\\p{IsHan}.*"));
    assertThat(given().get("/api/labs").then().statusCode(200).extract().jsonPath().getList("id"))
        .containsExactlyInAnyOrderElementsOf(LabFolders.ids());
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/zh/lessons/fault-injection").then().statusCode(200);
    // The footer's API link works in production too: Swagger UI is part of the jar.
    given().get("/q/swagger-ui/").then().statusCode(200);
  }
}
