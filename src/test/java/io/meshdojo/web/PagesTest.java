package io.meshdojo.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
        .formParam("j_username", "x")
        .formParam("j_password", "long enough pw 1")
        .post("/zh/signup")
        .then()
        .statusCode(400)
        .body(containsString("用户名须为 3 到 32 个字符"));
    String name = "sg" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .redirects()
        .follow(false)
        .formParam("j_username", name)
        .formParam("j_password", "long enough pw 1")
        .post("/en/signup")
        .then()
        .statusCode(307)
        .header("Location", endsWith("/j_security_check"));
    given()
        .formParam("j_username", name)
        .formParam("j_password", "long enough pw 1")
        .post("/en/signup")
        .then()
        .statusCode(409)
        .body(containsString("already taken"));
  }

  @Test
  void signingUpSignsTheNewLearnerInAndGoesBackWhereTheyCameFrom() {
    String name = "sn" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        given()
            .redirects()
            .follow(false)
            .formParam("j_username", name)
            .formParam("j_password", "long enough pw 1")
            .formParam("next", "/en/labs/request-routing")
            .post("/en/signup");
    assertThat(created.statusCode()).isEqualTo(307);
    assertThat(created.header("Location")).endsWith("/j_security_check");
    String back = created.cookie("quarkus-redirect-location");
    assertThat(unquoted(back)).matches("https?://[^/]+/en/labs/request-routing");

    // What the browser does with the 307: the same form, posted to Quarkus form authentication.
    Response signedIn =
        given()
            .redirects()
            .follow(false)
            .cookie("quarkus-redirect-location", back)
            .formParam("j_username", name)
            .formParam("j_password", "long enough pw 1")
            .post("/j_security_check");
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.header("Location")).isEqualTo(unquoted(back));
    given()
        .cookie("quarkus-credential", signedIn.cookie("quarkus-credential"))
        .get("/en/labs/request-routing")
        .then()
        .statusCode(200)
        .body(containsString("Signed in as " + name));
  }

  @Test
  void aReturnPathThatCouldLeaveTheSiteIsIgnored() {
    for (String hostile :
        new String[] {
          "https://evil.example/",
          "//evil.example/x",
          "/\\evil.example",
          "javascript:alert(1)",
          "/en/login",
          "/en/labs\r\nSet-Cookie: x=y"
        }) {
      String name = "sx" + UUID.randomUUID().toString().substring(0, 8);
      String back =
          given()
              .redirects()
              .follow(false)
              .formParam("j_username", name)
              .formParam("j_password", "long enough pw 1")
              .formParam("next", hostile)
              .post("/zh/signup")
              .then()
              .statusCode(307)
              .extract()
              .cookie("quarkus-redirect-location");
      assertThat(unquoted(back)).as(hostile).matches("https?://[^/]+/zh/");
      Response login =
          given().redirects().follow(false).queryParam("next", hostile).get("/en/login");
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.cookie("quarkus-redirect-location")).as(hostile).isNull();
      assertThat(login.body().asString()).doesNotContain("evil.example");
    }
  }

  @Test
  void theSignInLinkOfAPageComesBackToIt() {
    given()
        .get("/en/labs/request-routing")
        .then()
        .statusCode(200)
        .body(containsString("href=\"/en/login?next=%2Fen%2Flabs%2Frequest-routing\""))
        .body(containsString("href=\"/en/signup?next=%2Fen%2Flabs%2Frequest-routing\""));
    given()
        .redirects()
        .follow(false)
        .header("Accept-Language", "zh")
        .get("/login?next=/en/lessons/fault-injection")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/zh/login?next=%2Fen%2Flessons%2Ffault-injection"));
    Response login = given().get("/zh/login?next=/en/lessons/fault-injection");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(unquoted(login.cookie("quarkus-redirect-location")))
        .matches("https?://[^/]+/en/lessons/fault-injection");
    // Signing up from the sign-in page keeps the way back.
    assertThat(login.body().asString())
        .contains("href=\"/zh/signup?next=%2Fen%2Flessons%2Ffault-injection\"");
  }

  @Test
  void everyPageHasATitleOfItsOwn() {
    java.util.Map<String, String> titles = new java.util.LinkedHashMap<>();
    for (String page :
        new String[] {
          "/en/",
          "/en/lessons",
          "/en/lessons/fault-injection",
          "/en/labs",
          "/en/labs/request-routing",
          "/en/login",
          "/en/signup",
          "/zh/",
          "/zh/lessons"
        }) {
      String html = given().get(page).then().statusCode(200).extract().asString();
      Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
      assertThat(title.find()).as(page).isTrue();
      titles.put(page, title.group(1));
    }
    assertThat(titles.values()).doesNotHaveDuplicates().allMatch(t -> t.contains(" · "));
    assertThat(titles.get("/en/lessons")).isEqualTo("Lessons · Mesh Dojo");
  }

  @Test
  void countsAreSingularForOneAndTheHomePageSaysSo() {
    // The slime track holds one lesson.
    String en = given().get("/en/").then().statusCode(200).extract().asString();
    assertThat(en).contains(">1 lesson<").doesNotContain(">1 lessons<").contains(" lessons<");
    assertThat(given().get("/zh/").then().extract().asString()).contains(">1 篇课程<");
  }

  @Test
  void aLessonOffersItsLabsOnceUnderItsOwnPractiseSection() {
    String html =
        given().get("/en/lessons/request-routing").then().statusCode(200).extract().asString();
    assertThat(html)
        .containsOnlyOnce("<h2 id=\"practise\">Practise it</h2>")
        .contains("href=\"../labs/request-routing\"");
    assertThat(html).doesNotContain("Practise it in a lab");
  }

  @Test
  void theIconAndTheApiDocumentationAreServed() {
    given()
        .get("/en/")
        .then()
        .body(containsString("<link rel=\"icon\" href=\"/favicon.svg\""))
        .body(containsString("href=\"/q/swagger-ui/\""));
    given()
        .get("/favicon.svg")
        .then()
        .statusCode(200)
        .contentType(containsString("image/svg+xml"))
        .body(containsString("<svg"));
    given()
        .redirects()
        .follow(false)
        .get("/favicon.ico")
        .then()
        .statusCode(301)
        .header("Location", endsWith("/favicon.svg"));
    // Only GET calls can be tried out from the page.
    String swagger =
        given()
            .get("/q/swagger-ui/")
            .then()
            .statusCode(200)
            .contentType(ContentType.HTML)
            .extract()
            .asString();
    assertThat(swagger.replaceAll("\\s", "")).contains("supportedSubmitMethods:['get']");
  }

  /** A cookie value as the server reads it: RFC 6265 lets it come in double quotes. */
  private static String unquoted(String cookie) {
    return cookie.replaceAll("^\"(.*)\"$", "$1");
  }
}
