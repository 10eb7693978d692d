package io.meshdojo.lesson;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LessonApiTest {

  @Test
  void lessonsAreListedInChineseWithTheirFields() {
    List<Map<String, Object>> lessons =
        given()
            .get("/api/lessons?lang=zh")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(lessons).hasSizeGreaterThanOrEqualTo(14);
    for (Map<String, Object> lesson : lessons) {
      assertThat(lesson).containsKeys("id", "title", "track", "order", "summary", "labs");
      assertThat((String) lesson.get("title")).containsPattern("\\p{IsHan}");
      assertThat(lesson.get("language")).isEqualTo("zh");
    }
    assertThat(lessons.get(0).get("track")).isEqualTo("mesh");
  }

  @Test
  void englishIsTheDefaultAndAnUnknownLanguageIsABadRequest() {
    given().get("/api/lessons").then().statusCode(200).body("language", not(hasItem("zh")));
    given()
        .get("/api/lessons?lang=fr")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", containsString("Unknown lang 'fr'"));
    given().get("/api/labs?lang=de").then().statusCode(400);
  }

  @Test
  void oneLessonComesWithItsRenderedHtml() {
    given()
        .get("/api/lessons/request-routing?lang=zh")
        .then()
        .statusCode(200)
        .body("lesson.id", equalTo("request-routing"))
        .body("fallback", equalTo(false))
        .body("html", containsString("<h2 id="));
    given().get("/api/lessons/no-such-lesson").then().statusCode(404).body("status", equalTo(404));
  }

  private static RequestSpecification as(String learner) {
    return given().auth().preemptive().basic(learner, "reading pass 99");
  }

  @Test
  void aLearnerMarksLessonsReadAndSeesTheirOwnProgressOnly() {
    String ana = "ana" + UUID.randomUUID().toString().substring(0, 6);
    String ben = "ben" + UUID.randomUUID().toString().substring(0, 6);
    for (String name : List.of(ana, ben)) {
      given()
          .contentType(ContentType.JSON)
          .body("{\"username\":\"" + name + "\",\"password\":\"reading pass 99\"}")
          .post("/api/signup")
          .then()
          .statusCode(201);
    }

    given().put("/api/me/lessons/request-routing/read").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .put("/api/me/lessons/request-routing/read")
        .then()
        .statusCode(204);
    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .put("/api/me/lessons/request-routing/read")
        .then()
        .statusCode(204);
    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .put("/api/me/lessons/no-such-lesson/read")
        .then()
        .statusCode(404);

    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .get("/api/me/lessons")
        .then()
        .statusCode(200)
        .body("read", equalTo(List.of("request-routing")));
    given()
        .auth()
        .preemptive()
        .basic(ben, "reading pass 99")
        .get("/api/me/lessons")
        .then()
        .statusCode(200)
        .body("read", equalTo(List.of()));

    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .delete("/api/me/lessons/request-routing/read")
        .then()
        .statusCode(204);
    given()
        .auth()
        .preemptive()
        .basic(ana, "reading pass 99")
        .get("/api/me/lessons")
        .then()
        .body("read", equalTo(List.of()));
  }
}
