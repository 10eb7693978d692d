package io.meshdojo.sandbox.dataplane;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sample applications answer, shaped like the real ones (Bookinfo's JSON with the
 * answering pod's name, productpage's HTML, httpbin's JSON echo, helloworld's line), with a small
 * fixed processing time. Texts are Mesh Dojo's own; field names follow the applications' APIs.
 */
final class AppResponses {

  /**
   * What the application did.
   *
   * @param appMs modelled processing time
   * @param logLine what the application prints to its own log, or null
   */
  record Reply(int status, String contentType, String body, long appMs, String logLine) {}

  /** The request as the application sees it. */
  record Request(
      String app,
      String version,
      String pod,
      String method,
      String path,
      String host,
      Map<String, String> headers,
      String clientIp) {}

  private static final Pattern ID = Pattern.compile("^/(reviews|ratings|details)/(\\d{1,9})$");
  private static final Pattern STATUS = Pattern.compile("^/status/(\\d{3})$");
  private static final Pattern DELAY = Pattern.compile("^/delay/(\\d{1,2})$");
  private static final String JSON = "application/json";

  private AppResponses() {}

  static Reply answer(Request r) {
    String path = r.path().contains("?") ? r.path().substring(0, r.path().indexOf('?')) : r.path();
    return switch (r.app()) {
      case "reviews" -> reviews(r, path);
      case "ratings" -> ratings(path);
      case "details" -> details(path);
      case "productpage" -> productpage(path);
      case "httpbin" -> httpbin(r, path);
      case "helloworld" ->
          new Reply(
              200,
              "text/html; charset=utf-8",
              "Hello version: " + r.version() + ", instance: " + r.pod() + "\n",
              2,
              null);
      default -> new Reply(200, "text/plain", "", 2, null);
    };
  }

  private static Reply notFound() {
    return new Reply(404, "text/plain", "Not Found\n", 1, null);
  }

  private static Reply reviews(Request r, String path) {
    if (path.equals("/health")) {
      return new Reply(200, JSON, "{\"status\": \"Reviews is healthy\"}", 1, null);
    }
    Matcher m = ID.matcher(path);
    if (!m.matches() || !m.group(1).equals("reviews")) {
      return notFound();
    }
    String stars =
        switch (r.version()) {
          case "v2" -> "black";
          case "v3" -> "red";
          default -> null;
        };
    String first =
        review(
            "Reviewer1", "A sharp, fast comedy; the second act had the room laughing.", 5, stars);
    String second =
        review("Reviewer2", "Clever wordplay, though the plot twists wore thin for me.", 4, stars);
    String body =
        "{\"id\": \""
            + m.group(2)
            + "\",\"podname\": \""
            + r.pod()
            + "\",\"clustername\": \"null\",\"reviews\": ["
            + first
            + ","
            + second
            + "]}";
    return new Reply(
        200,
        JSON,
        body,
        stars == null ? 3 : 6,
        "[reviews " + r.version() + "] GET " + path + " answered by " + r.pod());
  }

  private static String review(String reviewer, String text, int rating, String color) {
    String base = "{  \"reviewer\": \"" + reviewer + "\",  \"text\": \"" + text + "\"";
    if (color == null) {
      return base + "}";
    }
    return base + ", \"rating\": {\"stars\": " + rating + ", \"color\": \"" + color + "\"}}";
  }

  private static Reply ratings(String path) {
    if (path.equals("/health")) {
      return new Reply(200, JSON, "{\"status\":\"Ratings is healthy\"}", 1, null);
    }
    Matcher m = ID.matcher(path);
    if (!m.matches() || !m.group(1).equals("ratings")) {
      return notFound();
    }
    return new Reply(
        200,
        JSON,
        "{\"id\":" + Long.parseLong(m.group(2)) + ",\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}",
        2,
        "GET " + path);
  }

  private static Reply details(String path) {
    if (path.equals("/health")) {
      return new Reply(200, JSON, "{\"status\":\"Details is healthy\"}", 1, null);
    }
    Matcher m = ID.matcher(path);
    if (!m.matches() || !m.group(1).equals("details")) {
      return notFound();
    }
    return new Reply(
        200,
        JSON,
        "{\"id\":"
            + Long.parseLong(m.group(2))
            + ",\"author\":\"William Shakespeare\",\"year\":1595,\"type\":\"paperback\","
            + "\"pages\":200,\"publisher\":\"Globe Press\",\"language\":\"English\","
            + "\"ISBN-10\":\"0000000000\",\"ISBN-13\":\"000-0000000000\"}",
        2,
        "GET " + path);
  }

  private static Reply productpage(String path) {
    if (path.equals("/health")) {
      return new Reply(200, JSON, "{\"status\": \"Product page is healthy\"}", 1, null);
    }
    if (!path.equals("/productpage") && !path.equals("/")) {
      return notFound();
    }
    String body =
        "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Simple Bookstore App</title>\n  </head>\n"
            + "  <body>\n    <h3>The Comedy of Errors</h3>\n"
            + "    <p>Book details and reviews come from the details and reviews services.</p>\n"
            + "  </body>\n</html>\n";
    return new Reply(200, "text/html; charset=utf-8", body, 18, "GET " + path + " 200");
  }

  private static Reply httpbin(Request r, String path) {
    Matcher status = STATUS.matcher(path);
    if (status.matches()) {
      return new Reply(Integer.parseInt(status.group(1)), "text/html; charset=utf-8", "", 1, null);
    }
    Matcher delay = DELAY.matcher(path);
    long appMs = 1;
    if (delay.matches()) {
      appMs = Math.min(10, Integer.parseInt(delay.group(1))) * 1000L;
    }
    StringBuilder headers = new StringBuilder("{\n");
    List<Map.Entry<String, String>> entries =
        r.headers().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    for (int i = 0; i < entries.size(); i++) {
      headers
          .append("    \"")
          .append(canonical(entries.get(i).getKey()))
          .append("\": \"")
          .append(jsonEscape(entries.get(i).getValue()))
          .append('"')
          .append(i < entries.size() - 1 ? ",\n" : "\n");
    }
    headers.append("  }");
    String body =
        switch (path) {
          case "/headers" -> "{\n  \"headers\": " + headers + "\n}\n";
          case "/ip" -> "{\n  \"origin\": \"" + r.clientIp() + "\"\n}\n";
          case "/get", "/anything" -> echo(r, headers);
          default -> delay.matches() ? echo(r, headers) : null;
        };
    if (body == null) {
      return new Reply(
          404, "text/html", "<!doctype html>\n<title>404 Not Found</title>\n", 1, null);
    }
    return new Reply(200, JSON, body, appMs, null);
  }

  private static String echo(Request r, StringBuilder headers) {
    return "{\n  \"args\": {},\n  \"headers\": "
        + headers
        + ",\n  \"origin\": \""
        + r.clientIp()
        + "\",\n  \"url\": \"http://"
        + jsonEscape(r.host())
        + jsonEscape(r.path())
        + "\"\n}\n";
  }

  /** {@code x-request-id} → {@code X-Request-Id}, as httpbin prints header names. */
  private static String canonical(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return jsonEscape(out.toString());
  }

  static String jsonEscape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }
}
