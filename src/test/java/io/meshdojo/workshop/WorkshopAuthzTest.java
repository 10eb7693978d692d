package io.meshdojo.workshop;

import static io.meshdojo.workshop.WorkshopFixture.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.EventStream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call which workshop endpoint: anonymous, a learner, an enrolled learner, another
 * instructor, the owner, a co-instructor and an admin, against every endpoint. Learners calling an
 * instructor endpoint get 403; an instructor who does not run the workshop gets 404, as if it did
 * not exist. Endpoints that change the workshop for good (delete, end, join) act on a workshop of
 * their own per case.
 */
@QuarkusTest
class WorkshopAuthzTest {

  enum Caller {
    ANONYMOUS,
    LEARNER,
    ENROLLED,
    OTHER_INSTRUCTOR,
    OWNER,
    CO_INSTRUCTOR,
    ADMIN
  }

  /** The people and a running workshop they stand around; made once, on first use. */
  record World(
      long id,
      String code,
      String learner,
      String enrolled,
      String other,
      String owner,
      String co) {

    String name(Caller caller) {
      return switch (caller) {
        case ANONYMOUS -> null;
        case LEARNER -> learner;
        case ENROLLED -> enrolled;
        case OTHER_INSTRUCTOR -> other;
        case OWNER -> owner;
        case CO_INSTRUCTOR -> co;
        case ADMIN -> WorkshopFixture.ADMIN;
      };
    }
  }

  private static World world;

  static synchronized World world() {
    if (world == null) {
      String owner = WorkshopFixture.instructor();
      String co = WorkshopFixture.instructor();
      String other = WorkshopFixture.instructor();
      String enrolled = WorkshopFixture.learner();
      String learner = WorkshopFixture.learner();
      JsonPath w = WorkshopFixture.running(owner, "\"coInstructors\":[\"" + co + "\"]");
      WorkshopFixture.join(enrolled, w.getString("code"));
      world = new World(w.getLong("id"), w.getString("code"), learner, enrolled, other, owner, co);
    }
    return world;
  }

  /** One endpoint: how to call it on workshop {@code id}, and the status each caller gets. */
  record Endpoint(String name, boolean ownWorkshop, Call call, int... statuses) {

    @Override
    public String toString() {
      return name;
    }
  }

  interface Call {
    Response call(RequestSpecification request, long id, String code, World world);
  }

  /**
   * The statuses of an endpoint for the workshop's own instructors (and admins), who get {@code
   * ok}: learners are refused, another instructor is told there is no such workshop.
   */
  static int[] forInstructors(int ok) {
    return new int[] {401, 403, 403, 404, ok, ok, ok};
  }

  /** The statuses of an endpoint for the workshop's members: its learners and its instructors. */
  static final int[] FOR_MEMBERS = {401, 404, 200, 404, 200, 200, 200};

  /** {@code GET /api/workshops/{id}} followed by {@code path}, on the shared workshop. */
  static Endpoint read(String path, int... statuses) {
    return new Endpoint(
        "GET /api/workshops/{id}" + path,
        false,
        (r, id, code, w) -> r.get("/api/workshops/" + id + path),
        statuses);
  }

  // ANONYMOUS, LEARNER, ENROLLED, OTHER_INSTRUCTOR, OWNER, CO_INSTRUCTOR, ADMIN
  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint(
              "POST /api/workshops",
              false,
              (r, id, code, w) ->
                  r.body(WorkshopFixture.body("Matrix", "\"request-routing\"", 5, ""))
                      .post("/api/workshops"),
              401,
              403,
              403,
              201,
              201,
              201,
              201),
          new Endpoint(
              "GET /api/workshops",
              false,
              (r, id, code, w) -> r.get("/api/workshops"),
              401,
              403,
              403,
              200,
              200,
              200,
              200),
          read("", forInstructors(200)),
          new Endpoint(
              "PATCH /api/workshops/{id}",
              false,
              (r, id, code, w) -> r.body("{\"stuckMinutes\":20}").patch("/api/workshops/" + id),
              forInstructors(200)),
          new Endpoint(
              "DELETE /api/workshops/{id}",
              true,
              (r, id, code, w) -> r.delete("/api/workshops/" + id),
              401,
              403,
              403,
              404,
              204,
              403,
              204),
          new Endpoint(
              "POST /api/workshops/join",
              true,
              (r, id, code, w) -> r.body("{\"code\":\"" + code + "\"}").post("/api/workshops/join"),
              401,
              201,
              200,
              201,
              201,
              201,
              201),
          read("/me", FOR_MEMBERS),
          read("/board", forInstructors(200)),
          new Endpoint(
              "POST /api/workshops/{id}/announcements",
              false,
              (r, id, code, w) ->
                  r.body("{\"message\":\"Break in 5 minutes\"}")
                      .post("/api/workshops/" + id + "/announcements"),
              forInstructors(201)),
          read("/announcements", FOR_MEMBERS),
          read("/audit", forInstructors(200)),
          read("/results.csv", forInstructors(200)),
          read("/results.json", forInstructors(200)),
          new Endpoint(
              "POST /api/workshops/{id}/learners/{u}/labs/{lab}/hints/next",
              false,
              (r, id, code, w) ->
                  r.post(
                      "/api/workshops/"
                          + id
                          + "/learners/"
                          + w.enrolled()
                          + "/labs/request-routing/hints/next"),
              forInstructors(200)),
          new Endpoint(
              "GET /api/workshops/{id}/learners/{u}/labs/{lab}/objects (no sandbox yet: 409)",
              false,
              (r, id, code, w) ->
                  r.get(
                      "/api/workshops/"
                          + id
                          + "/learners/"
                          + w.enrolled()
                          + "/labs/request-routing/objects"),
              forInstructors(409)),
          new Endpoint(
              "POST /api/workshops/{id}/end",
              true,
              (r, id, code, w) ->
                  r.body("{\"confirm\":true}").post("/api/workshops/" + id + "/end"),
              forInstructors(200)));

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      for (Caller caller : Caller.values()) {
        cases.add(Arguments.of(endpoint, caller, endpoint.statuses()[caller.ordinal()]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("cases")
  void eachCallerGetsItsAnswer(Endpoint endpoint, Caller caller, int expected) {
    World w = world();
    long id = w.id();
    String code = w.code();
    if (endpoint.ownWorkshop()) {
      JsonPath own = WorkshopFixture.running(w.owner(), "\"coInstructors\":[\"" + w.co() + "\"]");
      id = own.getLong("id");
      code = own.getString("code");
      WorkshopFixture.join(w.enrolled(), code);
    }
    String name = w.name(caller);
    RequestSpecification request = name == null ? given().contentType(ContentType.JSON) : as(name);
    Response response = endpoint.call().call(request, id, code, w);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
    if (expected == 404 || expected == 409) {
      assertThat(response.contentType()).startsWith("application/json");
      assertThat(response.jsonPath().getString("error")).isNotBlank();
    }
  }

  @TestHTTPResource("/api/workshops/")
  URL workshops;

  @ParameterizedTest(name = "board events as {0}: {1}")
  @MethodSource("boardEventCases")
  void theBoardsEventStreamIsForItsInstructorsOnly(Caller caller, int expected) throws Exception {
    World w = world();
    URI events = URI.create(workshops + String.valueOf(w.id()) + "/board/events");
    String name = w.name(caller);
    String password =
        WorkshopFixture.ADMIN.equals(name)
            ? WorkshopFixture.ADMIN_PASSWORD
            : WorkshopFixture.PASSWORD;
    EventStream stream = EventStream.open(events, name == null ? "nobody" : name, password);
    assertThat(stream.statusCode()).isEqualTo(expected);
    if (expected == 200) {
      stream.await("the workshop first", e -> "workshop".equals(e.path("type").asText()));
    }
  }

  static Stream<Arguments> boardEventCases() {
    int[] statuses = forInstructors(200);
    return Stream.of(Caller.values()).map(c -> Arguments.of(c, statuses[c.ordinal()]));
  }
}
