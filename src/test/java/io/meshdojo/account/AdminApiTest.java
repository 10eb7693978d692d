package io.meshdojo.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The admin's powers: search, disable and enable accounts, the admin page; the last admin kept. */
@QuarkusTest
class AdminApiTest {

  private static final String PASSWORD = "admin test pw 9";

  private static String learner() {
    String name = AccountApiTest.newName();
    AccountApiTest.signUp(name, PASSWORD);
    return name;
  }

  private static Response asAdmin(String method, String path, String body) {
    var request =
        given().auth().preemptive().basic(AccountApiTest.ADMIN, AccountApiTest.ADMIN_PASSWORD);
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.request(method, path);
  }

  @Test
  void searchFindsAccountsByPartOfTheirName() {
    String name = learner();
    asAdmin("GET", "/api/accounts?q=" + name.substring(1, 6).toUpperCase(), null)
        .then()
        .statusCode(200)
        .body("username", hasItem(name))
        .body("username", everyItem(containsString(name.substring(1, 6))));
    asAdmin("GET", "/api/accounts?q=_", null)
        .then()
        .statusCode(200)
        .body("username", not(hasItem(name)));
    asAdmin("GET", "/api/accounts?q=%25' or 1=1", null)
        .then()
        .statusCode(400)
        .body("error", containsString("q may hold"));
  }

  @Test
  void aDisabledAccountCannotSignInUntilEnabledAgain() {
    String name = learner();
    given().auth().preemptive().basic(name, PASSWORD).get("/api/me").then().statusCode(200);

    asAdmin("PUT", "/api/accounts/" + name + "/disabled", "{\"disabled\":true}")
        .then()
        .statusCode(200)
        .body("disabled", equalTo(true));
    given().auth().preemptive().basic(name, PASSWORD).get("/api/me").then().statusCode(401);

    asAdmin("PUT", "/api/accounts/" + name + "/disabled", "{\"disabled\":false}")
        .then()
        .statusCode(200)
        .body("disabled", equalTo(false));
    given().auth().preemptive().basic(name, PASSWORD).get("/api/me").then().statusCode(200);
  }

  @Test
  void theLastAdminCannotBeDisabledAndBadBodiesAreRefused() {
    asAdmin("PUT", "/api/accounts/admin/disabled", "{\"disabled\":true}")
        .then()
        .statusCode(409)
        .body("error", containsString("only admin"));
    asAdmin("PUT", "/api/accounts/admin/disabled", "{}")
        .then()
        .statusCode(400)
        .body("error", containsString("disabled"));
    asAdmin("PUT", "/api/accounts/nobody-here/disabled", "{\"disabled\":true}")
        .then()
        .statusCode(404);
    given()
        .auth()
        .preemptive()
        .basic(AccountApiTest.ADMIN, AccountApiTest.ADMIN_PASSWORD)
        .get("/api/me")
        .then()
        .statusCode(200);
  }

  @Test
  void onlyAdminsManageAccountsOrSeeTheAdminPage() {
    String name = learner();
    given()
        .auth()
        .preemptive()
        .basic(name, PASSWORD)
        .contentType(ContentType.JSON)
        .body("{\"disabled\":true}")
        .put("/api/accounts/admin/disabled")
        .then()
        .statusCode(403);
    given().auth().preemptive().basic(name, PASSWORD).get("/en/admin").then().statusCode(403);
    given().get("/api/accounts?q=a").then().statusCode(401);

    asAdmin("GET", "/zh/admin?q=" + name, null)
        .then()
        .statusCode(200)
        .body(containsString("账户管理"))
        .body(containsString(name));
    asAdmin("GET", "/en/admin", null).then().statusCode(200).body(containsString("(you)"));
  }
}
