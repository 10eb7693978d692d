package io.meshdojo.sandbox.dataplane;

import io.meshdojo.sandbox.dataplane.Network.Exchange;
import io.meshdojo.sandbox.dataplane.Shell.Io;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * curl as people use it in a pod: {@code -s -S -v -i -I -o -w -H -X -d -G --data-urlencode
 * --max-time -k --cacert --cert --key --resolve -L -f}, http and https URLs. Requests go to {@link
 * Network}; output, error messages and exit codes are curl 8's. Certificates are accepted and not
 * read (the model decides what TLS would do).
 */
final class Curl implements Shell.Program {

  static final String VERSION = "8.5.0";

  private static final Set<String> FLAGS =
      Set.of(
          "-s",
          "--silent",
          "-S",
          "--show-error",
          "-v",
          "--verbose",
          "-i",
          "--include",
          "-I",
          "--head",
          "-k",
          "--insecure",
          "-L",
          "--location",
          "-f",
          "--fail",
          "--http1.1",
          "--no-progress-meter",
          "-4",
          "--ipv4",
          "-G",
          "--get");
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-o",
          "--output",
          "-w",
          "--write-out",
          "-H",
          "--header",
          "-X",
          "--request",
          "-d",
          "--data",
          "--data-raw",
          "--data-binary",
          "--data-urlencode",
          "-m",
          "--max-time",
          "--cacert",
          "--cert",
          "--key",
          "--resolve",
          "--connect-to",
          "--connect-timeout",
          "-A",
          "--user-agent",
          "--capath");
  private static final int MAX_REDIRECTS = 50;

  private final Network network;

  Curl(Network network) {
    this.network = network;
  }

  /** The options of one curl command. */
  private static final class Options {
    boolean silent;
    boolean showError;
    boolean verbose;
    boolean include;
    boolean head;
    boolean follow;
    boolean fail;
    boolean noMeter;
    String output;
    String writeOut;
    String method;
    String data;
    boolean get;
    String userAgent = "curl/" + VERSION;
    long maxTimeMs;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    final List<String> resolve = new ArrayList<>();
    final List<String> connectTo = new ArrayList<>();
    boolean clientCert;
    final List<String> urls = new ArrayList<>();
  }

  @Override
  public int run(Shell shell, List<String> args, Io io) {
    Options o = new Options();
    Integer bad = parse(args, o, io);
    if (bad != null) {
      return bad;
    }
    if (o.urls.isEmpty()) {
      io.err.append("curl: no URL specified\n");
      io.err.append("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    int result = 0;
    for (String url : o.urls) {
      result = fetch(shell, o, url, io);
    }
    return result;
  }

  private static Integer parse(List<String> args, Options o, Io io) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (FLAGS.contains(name) && value == null) {
          flag(name, o);
        } else if (WITH_VALUE.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.size()) {
              return missingArgument(name, io);
            }
            value = args.get(++i);
          }
          Integer bad = option(name, value, o, io);
          if (bad != null) {
            return bad;
          }
        } else {
          return unknown(name, io);
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int c = 1; c < a.length(); c++) {
          String name = "-" + a.charAt(c);
          if (FLAGS.contains(name)) {
            flag(name, o);
          } else if (WITH_VALUE.contains(name)) {
            String value;
            if (c + 1 < a.length()) {
              value = a.substring(c + 1);
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              return missingArgument(name, io);
            }
            Integer bad = option(name, value, o, io);
            if (bad != null) {
              return bad;
            }
            break;
          } else {
            return unknown(name, io);
          }
        }
      } else {
        o.urls.add(a);
      }
    }
    return null;
  }

  private static int unknown(String name, Io io) {
    io.err.append("curl: option ").append(name).append(": is unknown\n");
    io.err.append("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }

  private static int missingArgument(String name, Io io) {
    io.err.append("curl: option ").append(name).append(": requires parameter\n");
    io.err.append("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }

  private static void flag(String name, Options o) {
    switch (name) {
      case "-s", "--silent" -> o.silent = true;
      case "-S", "--show-error" -> o.showError = true;
      case "-v", "--verbose" -> o.verbose = true;
      case "-i", "--include" -> o.include = true;
      case "-I", "--head" -> o.head = true;
      case "-L", "--location" -> o.follow = true;
      case "-f", "--fail" -> o.fail = true;
      case "--no-progress-meter" -> o.noMeter = true;
      case "-G", "--get" -> o.get = true;
      default -> {
        // -k, --http1.1, -4: accepted; the model has nothing they would change.
      }
    }
  }

  private static Integer option(String name, String value, Options o, Io io) {
    switch (name) {
      case "-o", "--output" -> o.output = value;
      case "-w", "--write-out" -> o.writeOut = value;
      case "-X", "--request" -> o.method = value;
      case "-d", "--data", "--data-raw", "--data-binary" -> o.data = joined(o.data, value);
      case "--data-urlencode" -> o.data = joined(o.data, urlEncoded(value));
      case "-A", "--user-agent" -> o.userAgent = value;
      case "-H", "--header" -> {
        int colon = value.indexOf(':');
        if (colon > 0) {
          o.headers.add(
              Map.entry(value.substring(0, colon).trim(), value.substring(colon + 1).trim()));
        } else if (value.endsWith(";")) {
          o.headers.add(Map.entry(value.substring(0, value.length() - 1).trim(), ""));
        }
      }
      case "-m", "--max-time" -> {
        try {
          double seconds = Double.parseDouble(value);
          if (seconds < 0 || seconds > 1e6) {
            throw new NumberFormatException();
          }
          o.maxTimeMs = Math.round(seconds * 1000);
        } catch (NumberFormatException e) {
          io.err
              .append("curl: option ")
              .append(name)
              .append(": expected a proper numerical parameter\n");
          io.err.append("curl: try 'curl --help' or 'curl --manual' for more information\n");
          return 2;
        }
      }
      case "--resolve" -> o.resolve.add(value);
      case "--connect-to" -> o.connectTo.add(value);
      case "--cert" -> o.clientCert = true;
      default -> {
        // --cacert, --cert, --key, --capath, --connect-timeout: accepted, not read.
      }
    }
    return null;
  }

  /** Several -d values are sent joined with {@code &}, as curl does. */
  private static String joined(String data, String more) {
    return data == null ? more : data + "&" + more;
  }

  /** {@code --data-urlencode name=content}: the content percent-encoded, the name kept. */
  private static String urlEncoded(String value) {
    int eq = value.indexOf('=');
    String content = eq < 0 ? value : value.substring(eq + 1);
    String encoded = URLEncoder.encode(content, StandardCharsets.UTF_8).replace("+", "%20");
    return eq <= 0 ? encoded : value.substring(0, eq) + "=" + encoded;
  }

  /** One URL, following redirects with -L; returns curl's exit code. */
  private int fetch(Shell shell, Options o, String url, Io io) {
    if (o.get && o.data != null) {
      // -G: the data goes into the URL's query string of a GET.
      url = url + (url.contains("?") ? "&" : "?") + o.data;
      o.data = null;
    }
    String current = url;
    for (int hop = 0; ; hop++) {
      Target target;
      try {
        target = Target.of(current);
      } catch (IllegalArgumentException e) {
        return error(o, io, e.getMessage().startsWith("(1)") ? 1 : 3, e.getMessage().substring(4));
      }
      String method =
          o.method != null ? o.method : o.head ? "HEAD" : o.data != null ? "POST" : "GET";
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("Host", target.hostHeader()));
      headers.add(Map.entry("User-Agent", o.userAgent));
      headers.add(Map.entry("Accept", "*/*"));
      if (o.data != null) {
        headers.add(Map.entry("Content-Length", String.valueOf(o.data.length())));
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
      }
      for (Map.Entry<String, String> h : o.headers) {
        headers.removeIf(e -> e.getKey().equalsIgnoreCase(h.getKey()));
        headers.add(h);
      }
      String address = resolved(o, target);
      String[] connect = connectTo(o, target);
      Exchange ex =
          network.send(
              new Network.Call(
                  target.https(),
                  target.host(),
                  target.port(),
                  address,
                  method,
                  target.path(),
                  headers,
                  o.data,
                  connect == null ? null : connect[0],
                  connect == null ? 0 : Integer.parseInt(connect[1]),
                  o.clientCert));
      if (ex.note() != null) {
        io.err.append(ex.note()).append('\n');
      }
      if (o.verbose) {
        io.err
            .append("*   Trying ")
            .append(ex.remoteIp())
            .append(':')
            .append(target.port())
            .append("...\n");
      }
      switch (ex.result()) {
        case UNRESOLVED -> {
          return error(o, io, 6, "Could not resolve host: " + target.host());
        }
        case TLS_FAILED -> {
          writeOut(o, io, target, method, ex, 0, 0, 35);
          return error(
              o,
              io,
              35,
              "OpenSSL SSL_connect: Connection reset by peer in connection to "
                  + target.host()
                  + ":"
                  + target.port());
        }
        case RESET -> {
          writeOut(o, io, target, method, ex, 0, ex.latencyMs(), 56);
          return error(
              o,
              io,
              56,
              target.https()
                  ? "OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required,"
                      + " errno 0"
                  : "Recv failure: Connection reset by peer");
        }
        case REFUSED -> {
          return error(
              o,
              io,
              7,
              "Failed to connect to "
                  + target.host()
                  + " port "
                  + target.port()
                  + " after 0 ms: Couldn't connect to server");
        }
        case NOT_TLS -> {
          return error(
              o, io, 35, "OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number");
        }
        default -> {
          // a response
        }
      }
      long latency = ex.latencyMs();
      if (o.maxTimeMs > 0 && latency > o.maxTimeMs) {
        shell.budget().spend(o.maxTimeMs);
        writeOut(o, io, target, method, ex, 0, o.maxTimeMs, 28);
        return error(
            o,
            io,
            28,
            "Operation timed out after "
                + (o.maxTimeMs + 1)
                + " milliseconds with 0 bytes received");
      }
      shell.budget().spend(latency);
      if (o.verbose) {
        verbose(io, target, method, headers, ex);
      }
      String location = header(ex, "location");
      if (o.follow && ex.status() / 100 == 3 && location != null && hop < MAX_REDIRECTS) {
        current = location.startsWith("/") ? target.origin() + location : location;
        continue;
      }
      if (o.fail && ex.status() >= 400) {
        writeOut(o, io, target, method, ex, 0, latency, 22);
        return error(o, io, 22, "The requested URL returned error: " + ex.status());
      }
      String body = method.equals("HEAD") ? "" : ex.body();
      StringBuilder sink =
          o.output == null ? io.out : o.output.equals("/dev/null") ? new StringBuilder() : null;
      if (sink == null) {
        return error(o, io, 23, "Failure writing output to destination");
      }
      if (o.include || o.head) {
        sink.append(statusLine(ex)).append("\r\n");
        for (Map.Entry<String, String> h : ex.headers()) {
          sink.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sink.append("\r\n");
      }
      sink.append(body);
      if (!o.silent && !o.noMeter) {
        meter(io, body.getBytes(StandardCharsets.UTF_8).length, latency);
      }
      writeOut(o, io, target, method, ex, body.getBytes(StandardCharsets.UTF_8).length, latency, 0);
      return 0;
    }
  }

  private static String resolved(Options o, Target target) {
    for (String r : o.resolve) {
      String[] p = r.split(":", 3);
      if (p.length == 3
          && p[0].equalsIgnoreCase(target.host())
          && p[1].equals(String.valueOf(target.port()))) {
        return p[2];
      }
    }
    return null;
  }

  /**
   * {@code --connect-to HOST1:PORT1:HOST2:PORT2} for the target (an empty HOST1 or PORT1 matches
   * any): {host2, port2}, or null.
   */
  private static String[] connectTo(Options o, Target target) {
    for (String c : o.connectTo) {
      String[] p = c.split(":", 4);
      if (p.length == 4
          && (p[0].isEmpty() || p[0].equalsIgnoreCase(target.host()))
          && (p[1].isEmpty() || p[1].equals(String.valueOf(target.port())))
          && p[3].matches("\\d{1,5}")) {
        return new String[] {p[2].isEmpty() ? target.host() : p[2], p[3]};
      }
    }
    return null;
  }

  private static String header(Exchange ex, String name) {
    return ex.headers().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String statusLine(Exchange ex) {
    return "HTTP/1.1 " + ex.status() + " " + HttpStatus.reason(ex.status());
  }

  private static int error(Options o, Io io, int code, String message) {
    if (!o.silent || o.showError) {
      io.err.append("curl: (").append(code).append(") ").append(message).append('\n');
    }
    return code;
  }

  private static void verbose(
      Io io, Target t, String method, List<Map.Entry<String, String>> headers, Exchange ex) {
    io.err
        .append("* Connected to ")
        .append(t.host())
        .append(" (")
        .append(ex.remoteIp())
        .append(") port ")
        .append(t.port())
        .append('\n');
    io.err.append("> ").append(method).append(' ').append(t.path()).append(" HTTP/1.1\n");
    for (Map.Entry<String, String> h : headers) {
      io.err.append("> ").append(h.getKey()).append(": ").append(h.getValue()).append('\n');
    }
    io.err.append(">\n< ").append(statusLine(ex)).append('\n');
    for (Map.Entry<String, String> h : ex.headers()) {
      io.err.append("< ").append(h.getKey()).append(": ").append(h.getValue()).append('\n');
    }
    io.err.append("<\n* Connection #0 to host ").append(t.host()).append(" left intact\n");
  }

  private static void meter(Io io, int bytes, long latencyMs) {
    long speed = latencyMs <= 0 ? bytes : bytes * 1000L / latencyMs;
    io.err.append(
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
            + "                                 Dload  Upload   Total   Spent    Left  Speed\n");
    io.err.append(
        String.format(
            Locale.ROOT,
            "100 %5d  100 %5d    0     0  %5d      0 --:--:-- --:--:-- --:--:-- %5d\n",
            bytes,
            bytes,
            speed,
            speed));
  }

  private static void writeOut(
      Options o, Io io, Target t, String method, Exchange ex, int size, long ms, int exit) {
    if (o.writeOut == null) {
      return;
    }
    StringBuilder out = new StringBuilder();
    String f = o.writeOut;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '\\' && i + 1 < f.length()) {
        char n = f.charAt(++i);
        out.append(n == 'n' ? "\n" : n == 't' ? "\t" : n == 'r' ? "\r" : "\\" + n);
      } else if (c == '%' && f.startsWith("%%", i)) {
        out.append('%');
        i++;
      } else if (c == '%' && f.startsWith("%{", i) && f.indexOf('}', i) > 0) {
        int end = f.indexOf('}', i);
        String name = f.substring(i + 2, end);
        String value = variable(name, t, method, ex, size, ms, exit);
        if (value == null) {
          io.err.append("curl: unknown --write-out variable: '").append(name).append("'\n");
        } else {
          out.append(value);
        }
        i = end;
      } else {
        out.append(c);
      }
    }
    io.out.append(out);
  }

  private static String variable(
      String name, Target t, String method, Exchange ex, int size, long ms, int exit) {
    int code = exit == 0 || exit == 22 ? ex.status() : 0;
    return switch (name) {
      case "http_code", "response_code" -> String.format(Locale.ROOT, "%03d", code);
      case "time_total", "time_starttransfer" -> seconds(ms);
      case "time_connect", "time_namelookup", "time_appconnect", "time_pretransfer" ->
          seconds(Math.min(ms, 1));
      case "size_download" -> String.valueOf(size);
      case "remote_ip" -> ex.remoteIp() == null ? "" : ex.remoteIp();
      case "remote_port" -> String.valueOf(t.port());
      case "url_effective" -> t.url();
      case "method" -> method;
      case "exitcode" -> String.valueOf(exit);
      case "content_type" -> {
        String type = header(ex, "content-type");
        yield type == null ? "" : type;
      }
      case "scheme" -> t.https() ? "HTTPS" : "HTTP";
      default -> null;
    };
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.6f", ms / 1000.0);
  }

  /** A URL as curl reads it: the scheme defaults to http, the port to the scheme's. */
  record Target(String url, boolean https, String host, int port, String path, boolean portGiven) {

    static Target of(String url) {
      String full = url.contains("://") ? url : "http://" + url;
      URI uri;
      try {
        uri = new URI(full);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("(3) URL rejected: Malformed input to a URL function");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("(1) Protocol \"" + scheme + "\" not supported");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("(3) URL rejected: No host part in the URL");
      }
      boolean https = scheme.equals("https");
      int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      return new Target(full, https, uri.getHost(), port, path, uri.getPort() > 0);
    }

    String hostHeader() {
      return portGiven ? host + ":" + port : host;
    }

    String origin() {
      return (https ? "https://" : "http://") + hostHeader();
    }
  }
}
