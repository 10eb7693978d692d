import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the Check path (not a test), run by bench/check-bench.sh, which explains the
 * arguments. It starts the packaged service itself (one or more replicas), so that start-up to
 * ready is timed from the process's launch, then: the first Check after start; N learners, each
 * signed in with the form (as the pages do) and holding a session on one lab with the lab's
 * reference solution applied through kubectl; all of them checking at once for a fixed time
 * (Checks/s, p50/p95/p99, and the service's CPU time per Check); one learner alone (warm
 * p50/p95); and the resident memory of every replica at idle and the highest seen under load
 * (VmRSS).
 */
public final class CheckBench {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final String PASSWORD = "check bench 42";

  record Replica(Process process, String base) {}

  record Learner(String name, HttpClient http, String base, String session) {}

  public static void main(String[] args) throws Exception {
    String[] jarCommand = System.getenv("BENCH_COMMAND").split("\u001f");
    int replicas = Integer.parseInt(env("BENCH_REPLICAS", "1"));
    int learners = Integer.parseInt(env("BENCH_LEARNERS", "20"));
    int seconds = Integer.parseInt(env("BENCH_SECONDS", "30"));
    int warmSeconds = Integer.parseInt(env("BENCH_WARM_SECONDS", "15"));
    int single = Integer.parseInt(env("BENCH_SINGLE", "500"));
    String lab = env("BENCH_LAB", "request-routing");
    Path solution = Path.of(env("BENCH_SOLUTION", "labs/" + lab + "/solution"));
    int firstPort = Integer.parseInt(env("BENCH_PORT", "18080"));
    Path work = Path.of(System.getenv("BENCH_WORK"));

    List<Replica> fleet = launch(jarCommand, replicas, firstPort, work);

    // the first Check after start: one learner, a fresh sandbox, nothing graded before
    Learner first = learner(fleet.get(0).base, "first", lab);
    long t = System.nanoTime();
    int status = check(first);
    System.out.printf(
        "first Check after start: %.1f ms (HTTP %d)%n", (System.nanoTime() - t) / 1e6, status);

    List<Learner> all = new ArrayList<>();
    for (int i = 0; i < learners; i++) {
      Learner l = learner(fleet.get(i % replicas).base, "bench" + i, lab);
      applySolution(l, solution, work);
      all.add(l);
    }
    for (Learner l : all) {
      if (check(l) != 200) {
        throw new IllegalStateException("check failed for " + l.name);
      }
    }
    printRss("idle (after set-up)", fleet);

    // warm-up, then the measured run, all learners at once
    load(all, warmSeconds);
    long[] peak = new long[replicas];
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                for (int r = 0; r < replicas; r++) {
                  peak[r] = Math.max(peak[r], rss(fleet.get(r).process.pid()));
                }
                sleep(200);
              }
            });
    long cpuBefore = cpuTicks(fleet);
    sampler.start();
    Stats concurrent = load(all, seconds);
    sampling.set(false);
    sampler.join();
    long cpuUsed = cpuTicks(fleet) - cpuBefore;
    System.out.printf(
        "%d learners checking at once for %d s: %.0f Checks/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f"
            + " ms, errors %d%n",
        learners,
        seconds,
        concurrent.count / (double) seconds,
        concurrent.pct(50),
        concurrent.pct(95),
        concurrent.pct(99),
        concurrent.errors);
    // CPU the service spent per Check: on a machine shared with other work this is the steadier
    // figure, since Checks/s also depends on how much of the CPU the service was given.
    System.out.printf(
        "service CPU per Check: %.2f ms (%.2f cores busy on average)%n",
        cpuUsed * 1000.0 / CLOCK_TICKS / Math.max(1, concurrent.count),
        cpuUsed / (double) CLOCK_TICKS / seconds);
    for (int r = 0; r < replicas; r++) {
      System.out.printf("replica %d: highest RSS under load %d MB%n", r, peak[r] / 1024);
    }

    Stats alone = new Stats(single);
    for (int i = 0; i < single; i++) {
      long s = System.nanoTime();
      if (check(all.get(0)) != 200) {
        alone.errors++;
      }
      alone.add(System.nanoTime() - s);
    }
    System.out.printf(
        "one learner alone, %d Checks: p50 %.1f ms, p95 %.1f ms%n",
        single, alone.pct(50), alone.pct(95));
    printRss("after the run", fleet);
    fleet.forEach(f -> f.process.destroy());
    for (Replica f : fleet) {
      f.process.waitFor();
    }
  }

  /** Starts the packaged service's replicas and waits until each is ready; stopped at exit. */
  static List<Replica> launch(String[] jarCommand, int replicas, int firstPort, Path work)
      throws Exception {
    List<Replica> fleet = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      int port = firstPort + 2 * r;
      List<String> cmd = new ArrayList<>(Arrays.asList(jarCommand));
      // the HTTP port, its TLS twin, and the address sandboxes put in their kubeconfig
      cmd.add(1, "-Dquarkus.http.port=" + port);
      cmd.add(1, "-Dquarkus.http.ssl-port=" + (port + 1));
      cmd.add(1, "-Dmeshdojo.sandbox.public-url=https://localhost:" + (port + 1));
      long launched = System.nanoTime();
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("replica-" + r + ".log").toFile())
              .start();
      String base = "http://localhost:" + port;
      fleet.add(new Replica(p, base));
      waitReady(base, p);
      System.out.printf(
          "replica %d (pid %d): start-up to ready %.2f s%n",
          r, p.pid(), (System.nanoTime() - launched) / 1e9);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> fleet.forEach(f -> f.process.destroy())));
    return fleet;
  }

  /** Every learner checks in a loop, back to back, for the given time. */
  private static Stats load(List<Learner> all, int seconds) throws InterruptedException {
    Stats stats = new Stats(all.size() * seconds * 200);
    AtomicLong until = new AtomicLong(System.nanoTime() + seconds * 1_000_000_000L);
    CountDownLatch done = new CountDownLatch(all.size());
    for (Learner l : all) {
      new Thread(
              () -> {
                try {
                  while (System.nanoTime() < until.get()) {
                    long s = System.nanoTime();
                    int code = check(l);
                    synchronized (stats) {
                      if (code == 200) {
                        stats.add(System.nanoTime() - s);
                      } else {
                        stats.errors++;
                      }
                    }
                  }
                } finally {
                  done.countDown();
                }
              })
          .start();
    }
    done.await();
    return stats;
  }

  static Learner learner(String base, String name, String lab) throws Exception {
    return startSession(base, name, signedIn(base, name), lab);
  }

  /** A new account signed in with the form, as the pages do: its cookie-holding client. */
  static HttpClient signedIn(String base, String name) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String body = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
    HttpResponse<String> signup =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signup.statusCode() / 100 != 2 && signup.statusCode() != 409) {
      throw new IllegalStateException("sign-up " + signup.statusCode() + ": " + signup.body());
    }
    // Signed in with a cookie, a state-changing call names its page's origin (SameOriginGuard).
    // The form sign-in, as the pages do: HTTP Basic would check the bcrypt hash on every call
    // (tens of milliseconds by design) and hide what the service itself spends.
    String form = "j_username=" + name + "&j_password=" + PASSWORD.replace(" ", "+");
    HttpResponse<String> signin =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (signin.statusCode() != 302) {
      throw new IllegalStateException("sign-in " + signin.statusCode());
    }
    return http;
  }

  /** Starts a sandbox for the lab and waits until it is READY. */
  static Learner startSession(String base, String name, HttpClient http, String lab)
      throws Exception {
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/labs/" + lab + "/sessions"))
                .header("Origin", base)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 201) {
      throw new IllegalStateException("session " + started.statusCode() + ": " + started.body());
    }
    Matcher m = ID.matcher(started.body());
    if (!m.find()) {
      throw new IllegalStateException("no session id in " + started.body());
    }
    Learner l = new Learner(name, http, base, m.group(1));
    // an embedded sandbox is ready at once; wait in case it is not
    for (int i = 0; i < 200; i++) {
      String view = get(l, "/api/sessions/" + l.session).body();
      if (view.contains("\"READY\"")) {
        return l;
      }
      sleep(50);
    }
    throw new IllegalStateException("session never READY: " + l.session);
  }

  private static void applySolution(Learner l, Path solution, Path work) throws Exception {
    Path kubeconfig = work.resolve(l.name + ".kubeconfig");
    Files.writeString(kubeconfig, get(l, "/api/sessions/" + l.session + "/kubeconfig").body());
    Process kubectl =
        new ProcessBuilder(
                System.getenv().getOrDefault("KUBECTL", "kubectl"),
                "--kubeconfig",
                kubeconfig.toString(),
                "apply",
                "-f",
                solution.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(l.name + ".apply.log").toFile())
            .start();
    if (kubectl.waitFor() != 0) {
      throw new IllegalStateException(
          "kubectl apply failed: " + Files.readString(work.resolve(l.name + ".apply.log")));
    }
  }

  static int check(Learner l) {
    try {
      return l.http
          .send(
              HttpRequest.newBuilder(URI.create(l.base + "/api/sessions/" + l.session + "/check"))
                  .header("Origin", l.base)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static HttpResponse<String> get(Learner l, String path) throws Exception {
    return l.http.send(
        HttpRequest.newBuilder(URI.create(l.base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void waitReady(String base, Process p) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the service stopped; see its log in BENCH_WORK");
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(20);
    }
    throw new IllegalStateException("not ready within 120 s");
  }

  private static void printRss(String when, List<Replica> fleet) {
    for (int r = 0; r < fleet.size(); r++) {
      System.out.printf(
          "replica %d: RSS %s %d MB%n", r, when, rss(fleet.get(r).process.pid()) / 1024);
    }
  }

  /** Linux's USER_HZ, the unit of the CPU times in /proc/<pid>/stat. */
  private static final int CLOCK_TICKS = 100;

  /** User and system CPU time of every replica so far, in clock ticks, from /proc. */
  private static long cpuTicks(List<Replica> fleet) {
    long ticks = 0;
    for (Replica r : fleet) {
      try {
        String stat = Files.readString(Path.of("/proc/" + r.process.pid() + "/stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ticks;
  }

  /** VmRSS of a process in kB, from /proc. */
  private static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Latencies in nanoseconds. */
  static final class Stats {
    long[] values;
    int count;
    int errors;

    Stats(int capacity) {
      values = new long[Math.max(16, capacity)];
    }

    void add(long nanos) {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = nanos;
    }

    double pct(int p) {
      long[] sorted = Arrays.copyOf(values, count);
      Arrays.sort(sorted);
      int i = Math.max(0, (int) Math.ceil(count * p / 100.0) - 1);
      return count == 0 ? Double.NaN : sorted[i] / 1e6;
    }
  }
}
