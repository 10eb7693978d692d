package io.meshdojo.lab;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import io.meshdojo.testing.LabFolders;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LabApiTest {

  @Test
  void everyLabIsListedInCurriculumOrderWithoutSolutions() {
    String body =
        given()
            .get("/api/labs?lang=zh")
            .then()
            .statusCode(200)
            .body("id", hasItems(LabFolders.ids().toArray(String[]::new)))
            .body("environment", hasItems("bookinfo", "ecosystem"))
            .extract()
            .asString();
    assertThat(body)
        .doesNotContain("solution")
        .doesNotContain("setup")
        .doesNotContain("apiVersion");
    java.util.List<String> ids = given().get("/api/labs").jsonPath().getList("id");
    assertThat(ids).hasSameSizeAs(LabFolders.ids());
    assertThat(ids.indexOf("request-routing")).isLessThan(ids.indexOf("mtls-strict"));
    assertThat(ids.indexOf("mtls-strict")).isLessThan(ids.indexOf("aeraki-dubbo-routing"));
    assertThat(given().get("/api/labs?lang=zh").jsonPath().getString("[0].title"))
        .containsPattern("\\p{IsHan}");
  }
}
