import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark of a workshop's live board (not a test), run by bench/workshop-bench.sh, which
 * compiles it with CheckBench (whose launcher and sign-in it uses). N learners in one running
 * workshop, each holding a sandbox of its lab, press Check every 10 s (staggered), while W
 * instructors watch the board's event stream. For every Check and every watcher it records when
 * the learner's board event with that Check arrived: the board update latency, from the Check's
 * answer reaching the learner to the event reaching the watcher (0 when the event came first), and
 * from the Check being sent (grading included). Prints p50/p95/p99 of both and events missed.
 */
public final class WorkshopBench {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern EVENT =
      Pattern.compile("\"username\":\"([^\"]+)\".*?\"checks\":(\\d+)");

  public static void main(String[] args) throws Exception {
    String[] jarCommand = System.getenv("BENCH_COMMAND").split("\u001f");
    int replicas = Integer.parseInt(CheckBench.env("BENCH_REPLICAS", "1"));
    int learners = Integer.parseInt(CheckBench.env("BENCH_LEARNERS", "40"));
    int watchers = Integer.parseInt(CheckBench.env("BENCH_WATCHERS", "2"));
    int seconds = Integer.parseInt(CheckBench.env("BENCH_SECONDS", "60"));
    int every = Integer.parseInt(CheckBench.env("BENCH_EVERY_SECONDS", "10"));
    String lab = CheckBench.env("BENCH_LAB", "request-routing");
    int firstPort = Integer.parseInt(CheckBench.env("BENCH_PORT", "18080"));
    Path work = Path.of(System.getenv("BENCH_WORK"));

    List<CheckBench.Replica> fleet = CheckBench.launch(jarCommand, replicas, firstPort, work);
    String base = fleet.get(0).base();

    // The instructor: an account made instructor by the admin, signed in with the form.
    HttpClient instructor = CheckBench.signedIn(base, "coach");
    HttpClient admin = HttpClient.newHttpClient();
    send(
        admin,
        HttpRequest.newBuilder(URI.create(base + "/api/accounts/coach/role"))
            .header("Authorization", "Basic " + basic("admin", "bench-admin"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"instructor\"}"))
            .build(),
        200);
    java.time.Instant now = java.time.Instant.now();
    String created =
        send(
            instructor,
            post(
                base,
                "/api/workshops",
                "{\"title\":\"bench\",\"labs\":[\""
                    + lab
                    + "\"],\"startsAt\":\""
                    + now.minusSeconds(60)
                    + "\",\"endsAt\":\""
                    + now.plusSeconds(3 * 3600)
                    + "\",\"capacity\":1000}"),
            201);
    String workshop = group(ID, created);
    String code = group(CODE, created);

    // Watchers on every replica in turn, so a second replica hears the changes by NOTIFY.
    List<Map<String, Long>> seen = new ArrayList<>();
    for (int w = 0; w < watchers; w++) {
      Map<String, Long> arrivals = new ConcurrentHashMap<>();
      seen.add(arrivals);
      String watchBase = fleet.get(w % fleet.size()).base();
      HttpResponse<Stream<String>> stream =
          instructor.send(
              HttpRequest.newBuilder(URI.create(watchBase + "/api/workshops/" + workshop + "/board/events"))
                  .header("Accept", "text/event-stream")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      Thread reader =
          new Thread(
              () ->
                  stream
                      .body()
                      .filter(line -> line.startsWith("data:"))
                      .forEach(
                          line -> {
                            Matcher m = EVENT.matcher(line);
                            if (m.find()) {
                              arrivals.putIfAbsent(m.group(1) + "#" + m.group(2), System.nanoTime());
                            }
                          }));
      reader.setDaemon(true);
      reader.start();
    }

    List<CheckBench.Learner> all = new ArrayList<>();
    for (int i = 0; i < learners; i++) {
      String learnerBase = fleet.get(i % fleet.size()).base();
      String name = "learner" + i;
      HttpClient http = CheckBench.signedIn(learnerBase, name);
      send(http, post(learnerBase, "/api/workshops/join", "{\"code\":\"" + code + "\"}"), 201);
      all.add(CheckBench.startSession(learnerBase, name, http, lab));
    }
    System.out.printf(
        "%d learners joined and started %s; %d watchers; each learner checks every %d s for %d s%n",
        learners, lab, watchers, every, seconds);

    Map<String, long[]> sent = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (CheckBench.Learner l : all) {
      Thread t =
          new Thread(
              () -> {
                CheckBench.sleep(ThreadLocalRandom.current().nextLong(every * 1000L));
                int n = 0;
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  if (CheckBench.check(l) == 200) {
                    n++;
                    sent.put(l.name() + "#" + n, new long[] {start, System.nanoTime()});
                  }
                  CheckBench.sleep(Math.max(0, every * 1000L - (System.nanoTime() - start) / 1_000_000));
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    CheckBench.sleep(3000); // the last events in flight

    CheckBench.Stats afterAnswer = new CheckBench.Stats(sent.size() * watchers);
    CheckBench.Stats afterSend = new CheckBench.Stats(sent.size() * watchers);
    int missed = 0;
    for (Map<String, Long> arrivals : seen) {
      for (Map.Entry<String, long[]> check : sent.entrySet()) {
        Long at = arrivals.get(check.getKey());
        if (at == null) {
          missed++;
          continue;
        }
        afterAnswer.add(Math.max(0, at - check.getValue()[1]));
        afterSend.add(at - check.getValue()[0]);
      }
    }
    System.out.printf(
        "%d Checks; board events seen by %d watchers: %d, missed %d%n",
        sent.size(), watchers, afterAnswer.count, missed);
    System.out.printf(
        "board update after the Check's answer: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
        afterAnswer.pct(50), afterAnswer.pct(95), afterAnswer.pct(99));
    System.out.printf(
        "board update after the Check was sent (grading included): p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms%n",
        afterSend.pct(50), afterSend.pct(95), afterSend.pct(99));
    System.exit(0);
  }

  private static HttpRequest post(String base, String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Origin", base)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(p + " not in " + text);
    }
    return m.group(1);
  }

  private static String basic(String user, String password) {
    return java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }
}
