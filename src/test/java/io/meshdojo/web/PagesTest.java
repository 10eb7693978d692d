package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagesTest {

  @Test
  void theRootSendsANewVisitorToTheirFirstAcceptedLanguage() {
    given()
        .redirects()
        .follow(false)
        .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/zh/"));
    given()
        .redirects()
        .follow(false)
        .header("Accept-Language", "fr-FR,en;q=0.5")
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/en/"));
    given()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/en/"));
  }

  @Test
  void aChosenLanguageIsRememberedOverAcceptLanguage() {
    given()
        .get("/zh/lessons")
        .then()
        .statusCode(200)
        .header("Set-Cookie", containsString("meshdojo-lang=zh"));
    given()
        .redirects()
        .follow(false)
        .cookie("meshdojo-lang", "zh")
        .header("Accept-Language", "en")
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/zh/"));
  }

  @Test
  void homePagesAreInTheirLanguageWithASwitcher() {
    given()
        .get("/en/")
        .then()
        .statusCode(200)
        .contentType(ContentType.HTML)
        .body(
            allOf(
                containsString("<html lang=\"en\">"),
                containsString("href=\"/zh/\""),
                containsString("Traffic management")));
    given()
        .get("/zh/")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("<html lang=\"zh-Hans\">"),
                containsString("流量管理"),
                containsString("href=\"/en/\"")));
    given()
        .redirects()
        .follow(false)
        .get("/en")
        .then()
        .statusCode(301)
        .header("Location", endsWith("/en/"));
  }

  @Test
  void theLessonListShowsTracksAndLessons() {
    given()
        .get("/en/lessons")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("id=\"track-traffic\""),
                containsString("/en/lessons/request-routing"),
                not(containsString("progress-summary"))));
  }

  @Test
  void aChineseLessonKeepsEnglishAnchorsAndLinksToItsEnglishTwin() {
    String en =
        given().get("/en/lessons/request-routing").then().statusCode(200).extract().asString();
    String zh =
        given().get("/zh/lessons/request-routing").then().statusCode(200).extract().asString();
    assertThat(zh)
        .contains("href=\"/en/lessons/request-routing\"")
        .contains("language-yaml")
        .doesNotContain("fallback-notice");
    Matcher ids = Pattern.compile("<h2 id=\"([^\"]+)\"").matcher(en);
    int count = 0;
    while (ids.find()) {
      assertThat(zh).contains("<h2 id=\"" + ids.group(1) + "\"");
      count++;
    }
    assertThat(count).isGreaterThan(2);
  }

  @Test
  void unknownPagesAndLanguagesAreFriendly404s() {
    given()
        .get("/zh/lessons/no-such-lesson")
        .then()
        .statusCode(404)
        .contentType(ContentType.HTML)
        .body(containsString("页面不存在"));
    given().get("/fr/lessons").then().statusCode(404);
  }

  @Test
  void theLabCatalogueListsEveryLabInThePageLanguage() {
    given()
        .get("/zh/labs")
        .then()
        .statusCode(200)
        .body(
            allOf(
                containsString("id=\"lab-request-routing\""),
                containsString("id=\"lab-aeraki-dubbo-routing\""),
                containsString("入门")));
  }

  @Test
  void aLabPageShowsItsInstructionsButNeverItsSolution() {
    String zh = given().get("/zh/labs/request-routing").then().statusCode(200).extract().asString();
    assertThat(zh)
        .contains("<h1>把指定用户路由到 reviews v2</h1>")
        .contains("jason")
        .contains("href=\"/zh/lessons/request-routing\"")
        .doesNotContain("kind: VirtualService");
    given()
        .get("/en/labs/request-routing")
        .then()
        .statusCode(200)
        .body(containsString("Check your work"));
    given().get("/en/labs/no-such-lab").then().statusCode(404);
  }

  @Test
  void signedInLearnersMarkLessonsReadFromThePage() {
    String name = "pg" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .contentType(ContentType.JSON)
        .body("{\"username\":\"" + name + "\",\"password\":\"page reader 123\"}")
        .post("/api/signup")
        .then()
        .statusCode(201);

    given()
        .redirects()
        .follow(false)
        .formParam("read", "true")
        .post("/en/lessons/fault-injection/read")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/login"));
    given()
        .redirects()
        .follow(false)
        .auth()
        .preemptive()
        .basic(name, "page reader 123")
        .formParam("read", "true")
        .post("/en/lessons/fault-injection/read")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/en/lessons/fault-injection#progress"));
    given()
        .auth()
        .preemptive()
        .basic(name, "page reader 123")
        .get("/en/lessons")
        .then()
        .statusCode(200)
        .body(allOf(containsString("1 of"), containsString("is-read")));
    given()
        .auth()
        .preemptive()
        .basic(name, "page reader 123")
        .get("/zh/lessons/fault-injection")
        .then()
        .statusCode(200)
        .body(containsString("你已读完这篇课程"));
  }

  @Test
  void aWrongPasswordOnTheFormLeadsBackToTheLoginPageWithAnError() {
    given()
        .redirects()
        .follow(false)
        .cookie("meshdojo-lang", "zh")
        .formParam("j_username", "admin")
        .formParam("j_password", "not the password")
        .post("/j_security_check")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/login?error=true"));
    given()
        .redirects()
        .follow(false)
        .cookie("meshdojo-lang", "zh")
        .get("/login?error=true")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/zh/login?error=true"));
    given().get("/zh/login?error=true").then().statusCode(200).body(containsString("用户名或密码不正确"));
  }

  @Test
  void theRightPasswordOnTheFormSignsInWithASessionCookie() {
    String cookie = FormSession.signIn("admin", "test-admin-password").cookie();
    given()
        .cookie("quarkus-credential", cookie)
        .get("/en/")
        .then()
        .statusCode(200)
        .body(containsString("Signed in as admin"));
    given().cookie("quarkus-credential", cookie).get("/api/me").then().statusCode(200);
  }

  @Test
  void slashSignupOpensTheSignUpPageInTheVisitorsLanguage() {
    given()
        .redirects()
        .follow(false)
        .header("Accept-Language", "zh-CN")
        .get("/signup")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/zh/signup"));
    given().get("/zh/signup").then().statusCode(200).body(containsString("创建学员账号"));
  }

  @Test
  void signUpFromThePageExplainsProblemsInThePageLanguage() {
    given()
        .formParam("username", "x")
        .formParam("password", "long enough pw 1")
        .post("/zh/signup")
        .then()
        .statusCode(400)
        .body(containsString("用户名须为 3 到 32 个字符"));
    String name = "sg" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .redirects()
        .follow(false)
        .formParam("username", name)
        .formParam("password", "long enough pw 1")
        .post("/en/signup")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/en/login?created=true"));
    given()
        .formParam("username", name)
        .formParam("password", "long enough pw 1")
        .post("/en/signup")
        .then()
        .statusCode(409)
        .body(containsString("already taken"));
  }
}
