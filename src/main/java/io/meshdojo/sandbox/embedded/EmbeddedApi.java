package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.grader.api.Environment;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.SandboxAuthenticator;
import io.meshdojo.sandbox.SandboxSession;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The embedded sandboxes' Kubernetes API, under {@code /sandboxes/{id}/k8s}: enough of the real API
 * for kubectl (discovery, OpenAPI v3, CRUD, patch, apply, watch), authenticated by the sandbox's
 * bearer token. Only glue: storage is {@link ObjectStore}, patches are {@link Patches}.
 */
@ApplicationScoped
public class EmbeddedApi {

  private static final Logger LOG = Logger.getLogger(EmbeddedApi.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ObjectStore store;
  private final SandboxAuthenticator sessions;
  private final WatchHub hub;
  private final EnvironmentCatalog environments;
  private final ObjectMapper json;
  private final MeshDojoConfig config;
  private final DryRun dryRuns;

  public EmbeddedApi(
      ObjectStore store,
      SandboxAuthenticator sessions,
      WatchHub hub,
      EnvironmentCatalog environments,
      ObjectMapper json,
      MeshDojoConfig config,
      DryRun dryRuns) {
    this.dryRuns = dryRuns;
    this.store = store;
    this.sessions = sessions;
    this.hub = hub;
    this.environments = environments;
    this.json = json;
    this.config = config;
  }

  void routes(@Observes Router router) {
    int limit = config.sandbox().maxRequestBytes();
    BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
    String path = "/sandboxes/:id/k8s*";
    router.route(path).order(-1002).handler(ctx -> refuseLargeBody(ctx, limit));
    // A body without a declared length is measured as it arrives: the body handler fails the
    // request with 413 once it passes the limit, and that failure is answered as a Status too.
    router.route(path).order(-1001).handler(body).failureHandler(ctx -> tooLargeBody(ctx, limit));
    router
        .route(path)
        .order(-1000)
        .blockingHandler(ctx -> handle(ctx, ctx.pathParam("id"), null), false);
    // kubectl's raw requests (get --raw, create --raw) drop the server URL's path, so they reach
    // /api/v1/... with the sandbox's token: served by that token's sandbox. The service's own REST
    // API never takes bearer tokens, so requests without one go on to it untouched.
    router
        .routeWithRegex(RAW_PATHS)
        .order(-1002)
        .handler(
            ctx -> {
              if (bearer(ctx.request()) == null) {
                ctx.next();
                return;
              }
              ctx.put(RAW_REQUEST, true);
              refuseLargeBody(ctx, limit);
            });
    router
        .routeWithRegex(RAW_PATHS)
        .order(-1001)
        .handler(ctx -> raw(ctx, body::handle))
        .failureHandler(ctx -> raw(ctx, c -> tooLargeBody(c, limit)));
    router
        .routeWithRegex(RAW_PATHS)
        .order(-1000)
        .handler(
            ctx ->
                raw(
                    ctx,
                    c ->
                        c.vertx()
                            .executeBlocking(
                                () -> {
                                  handle(c, null, bearer(c.request()));
                                  return null;
                                },
                                false)));
  }

  /** The paths of a Kubernetes API server that the service's own routes do not use. */
  private static final String RAW_PATHS = "/(api|api/v1(/.*)?|apis(/.*)?|version/?|openapi(/.*)?)";

  private static final String RAW_REQUEST = "meshdojo.sandbox.raw";

  /** Runs {@code handler} for a raw request with a bearer token; passes anything else on. */
  private static void raw(RoutingContext ctx, Handler<RoutingContext> handler) {
    if (ctx.get(RAW_REQUEST) == null) {
      ctx.next();
    } else {
      handler.handle(ctx);
    }
  }

  private void refuseLargeBody(RoutingContext ctx, int limit) {
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
      send(ctx, 413, tooLarge(limit).toStatus());
      return;
    }
    ctx.next();
  }

  private void tooLargeBody(RoutingContext ctx, int limit) {
    if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
      send(ctx, 413, tooLarge(limit).toStatus());
    } else {
      ctx.next();
    }
  }

  private static KubeException tooLarge(int limit) {
    return new KubeException(
        413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit + " bytes");
  }

  /**
   * @param id the sandbox named on the path, or null for a raw request, whose token names it
   * @param token the raw request's bearer token
   */
  private void handle(RoutingContext ctx, String id, String token) {
    String requestPath = ctx.request().path();
    try {
      SandboxSession session =
          id != null
              ? sessions.authenticate(id, bearer(ctx.request()))
              : sessions.authenticate(token);
      String prefix = "/sandboxes/" + session.id + "/k8s";
      String path =
          id == null
              ? requestPath
              : requestPath.substring(Math.min(prefix.length(), requestPath.length()));
      Environment env = environments.find(session.environment).orElseThrow();
      dispatch(ctx, session, env, prefix, path);
    } catch (KubeException e) {
      send(ctx, e.code(), e.toStatus());
    } catch (RuntimeException e) {
      LOG.errorf(e, "embedded API %s %s failed", ctx.request().method(), requestPath);
      send(
          ctx,
          500,
          new KubeException(500, "InternalError", "internal error: " + e.getClass().getSimpleName())
              .toStatus());
    }
  }

  private static String bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  private void dispatch(
      RoutingContext ctx, SandboxSession session, Environment env, String prefix, String path) {
    List<String> s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    // An older Istio's sandbox serves only the API versions that Istio had.
    int istio = env.istioMinor();
    HttpMethod method = ctx.request().method();
    boolean get = method.equals(HttpMethod.GET);
    if (s.isEmpty() && get) {
      ObjectNode paths = json.createObjectNode();
      ArrayNode list = paths.putArray("paths");
      List.of("/api", "/api/v1", "/apis", "/openapi/v3", "/version").forEach(list::add);
      send(ctx, 200, paths);
      return;
    }
    String first = s.isEmpty() ? "" : s.get(0);
    if (get && s.size() == 1 && first.equals("version")) {
      send(ctx, 200, Discovery.version(env));
      return;
    }
    if (get && s.size() == 2 && first.equals("openapi") && s.get(1).equals("v2")) {
      // An empty OpenAPI v2 document (protobuf of nothing): kubectl before 1.28 validates against
      // v2 and skips kinds it does not find, newer kubectl uses the v3 documents below.
      ctx.response().setStatusCode(200).putHeader("Content-Type", "application/octet-stream").end();
      return;
    }
    if (get && first.equals("openapi")) {
      if (s.size() == 2 && s.get(1).equals("v3")) {
        send(ctx, 200, Discovery.openApiIndex(prefix, istio));
        return;
      }
      if (s.size() >= 3 && s.get(1).equals("v3")) {
        List<String> gv = s.subList(2, s.size());
        if (gv.size() == 2 && gv.get(0).equals("api") && gv.get(1).equals("v1")) {
          send(ctx, 200, Discovery.openApi("", "v1", env));
          return;
        }
        if (gv.size() == 3
            && gv.get(0).equals("apis")
            && ApiCatalog.servedBy(gv.get(1), gv.get(2), istio)
            && !ApiCatalog.served(gv.get(1), gv.get(2)).isEmpty()) {
          send(ctx, 200, Discovery.openApi(gv.get(1), gv.get(2), env));
          return;
        }
      }
      throw notFound();
    }
    if (first.equals("api")) {
      if (s.size() == 1 && get) {
        send(ctx, 200, Discovery.coreVersions());
        return;
      }
      if (!s.get(1).equals("v1")) {
        throw notFound();
      }
      if (s.size() == 2 && get) {
        send(ctx, 200, Discovery.resources("", "v1"));
        return;
      }
      resource(ctx, session, "", "v1", s.subList(2, s.size()));
      return;
    }
    if (first.equals("apis")) {
      if (s.size() == 1 && get) {
        send(ctx, 200, Discovery.groups(istio));
        return;
      }
      List<String> versions = ApiCatalog.groups(istio).get(s.get(1));
      if (versions == null) {
        throw notFound();
      }
      if (s.size() == 2 && get) {
        send(ctx, 200, Discovery.group(s.get(1), versions));
        return;
      }
      if (!versions.contains(s.get(2))) {
        throw notFound();
      }
      if (s.size() == 3 && get) {
        send(ctx, 200, Discovery.resources(s.get(1), s.get(2)));
        return;
      }
      resource(ctx, session, s.get(1), s.get(2), s.subList(3, s.size()));
      return;
    }
    throw notFound();
  }

  private static KubeException notFound() {
    return new KubeException(404, "NotFound", "the server could not find the requested resource");
  }

  /** {@code rest}: [res], [res, name], [res, name, sub] or [namespaces, ns, res, name?, sub?]. */
  private void resource(
      RoutingContext ctx, SandboxSession session, String group, String version, List<String> rest) {
    String ns = null;
    List<String> r = rest;
    if (r.size() >= 3
        && r.get(0).equals("namespaces")
        && !r.get(2).equals("status")
        && !r.get(2).equals("finalize")) {
      ns = r.get(1);
      r = r.subList(2, r.size());
    }
    if (r.isEmpty() || r.size() > 3) {
      throw notFound();
    }
    String resourceName = r.get(0);
    ResourceType type =
        ApiCatalog.find(group, version, resourceName).orElseThrow(EmbeddedApi::notFound);
    if (ns != null && !type.namespaced()) {
      throw notFound();
    }
    String name = r.size() >= 2 ? r.get(1) : null;
    String sub = r.size() == 3 ? r.get(2) : null;
    if (sub != null && sub.equals("scale") && type.kind().equals("Deployment") && ns != null) {
      scale(ctx, session.id, type, version, ns, name);
      return;
    }
    // A Pod's log and exec sub-resources are the data plane's (io.meshdojo.sandbox.dataplane).
    if (sub != null && !sub.equals("status")) {
      throw notFound();
    }
    if (name != null && type.namespaced() && ns == null) {
      throw notFound();
    }
    HttpServerRequest req = ctx.request();
    HttpMethod method = req.method();
    FieldValidation validation = FieldValidation.of(req.getParam("fieldValidation"));
    boolean dryRun = req.getParam("dryRun") != null && !req.getParam("dryRun").isEmpty();
    String sandbox = session.id;
    String namespace = ns;
    if (name == null) {
      if (method.equals(HttpMethod.GET)) {
        if (isTrue(req.getParam("watch"))) {
          watch(ctx, session, type, version, ns);
        } else {
          list(ctx, sandbox, type, version, ns);
        }
        return;
      }
      if (method.equals(HttpMethod.POST)) {
        ObjectNode body = object(ctx);
        String target =
            type.namespaced()
                ? (ns != null ? ns : body.path("metadata").path("namespace").asText("default"))
                : null;
        ObjectStore.Write w =
            maybeDry(dryRun, () -> store.create(sandbox, type, version, target, body, validation));
        sendWrite(ctx, 201, w);
        return;
      }
      throw new KubeException(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
    boolean status = "status".equals(sub);
    if (method.equals(HttpMethod.GET)) {
      ObjectNode object = store.get(sandbox, type, version, ns, name);
      // kubectl get <kind> <name> asks for a table, as it does for a list
      send(ctx, 200, wantsTable(req) ? Tables.row(type, object) : object);
    } else if (method.equals(HttpMethod.PUT)) {
      ObjectNode body = object(ctx);
      sendWrite(
          ctx,
          200,
          maybeDry(
              dryRun,
              () ->
                  store.update(sandbox, type, version, namespace, name, body, validation, status)));
    } else if (method.equals(HttpMethod.PATCH)) {
      PatchKind kind = PatchKind.of(req.getHeader("Content-Type"));
      JsonNode patch = parse(ctx, kind == PatchKind.APPLY);
      if (kind == PatchKind.APPLY && patch.isObject() && type.namespaced()) {
        ObjectNode meta = (ObjectNode) ((ObjectNode) patch).with("metadata");
        if (!meta.has("namespace")) {
          meta.put("namespace", ns);
        }
      }
      ObjectStore.Write w =
          maybeDry(
              dryRun,
              () ->
                  store.patch(
                      sandbox, type, version, namespace, name, kind, patch, validation, status));
      sendWrite(ctx, 200, w);
    } else if (method.equals(HttpMethod.DELETE)) {
      send(ctx, 200, maybeDry(dryRun, () -> store.delete(sandbox, type, version, namespace, name)));
    } else {
      throw new KubeException(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
  }

  /** The scale subresource of Deployments ({@code kubectl scale}). */
  private void scale(
      RoutingContext ctx,
      String sandbox,
      ResourceType type,
      String version,
      String ns,
      String name) {
    HttpMethod method = ctx.request().method();
    ObjectNode deployment;
    if (method.equals(HttpMethod.GET)) {
      deployment = store.get(sandbox, type, version, ns, name);
    } else if (method.equals(HttpMethod.PUT) || method.equals(HttpMethod.PATCH)) {
      JsonNode body = parse(ctx, false);
      JsonNode replicas = body.path("spec").path("replicas");
      if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
        throw new KubeException(
            422, "Invalid", "spec.replicas: Invalid value: must be a non-negative integer");
      }
      ObjectNode patch = json.createObjectNode();
      patch.putObject("spec").put("replicas", replicas.asInt());
      deployment =
          store
              .patch(
                  sandbox,
                  type,
                  version,
                  ns,
                  name,
                  PatchKind.MERGE,
                  patch,
                  FieldValidation.IGNORE,
                  false)
              .object();
    } else {
      throw new KubeException(
          405,
          "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
    }
    ObjectNode scale = json.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", ns);
    meta.set("resourceVersion", deployment.path("metadata").path("resourceVersion"));
    meta.set("uid", deployment.path("metadata").path("uid"));
    scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", deployment.path("status").path("replicas").asInt());
    List<String> selector = new ArrayList<>();
    deployment
        .path("spec")
        .path("selector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
    status.put("selector", String.join(",", selector));
    send(ctx, 200, scale);
  }

  /** A dry run does the whole write in a transaction that is then rolled back. */
  private <T> T maybeDry(boolean dryRun, Supplier<T> write) {
    return dryRun ? dryRuns.rolledBack(write) : write.get();
  }

  private static boolean isTrue(String param) {
    return param != null && (param.equals("1") || param.equalsIgnoreCase("true"));
  }

  private void list(
      RoutingContext ctx, String sandbox, ResourceType type, String version, String ns) {
    Predicate<JsonNode> filter = filter(ctx.request(), type);
    ObjectStore.Listing listing = store.list(sandbox, type, version, ns, filter);
    ObjectNode out = json.createObjectNode();
    out.put("kind", type.kind() + "List");
    out.put("apiVersion", type.apiVersion(version));
    out.putObject("metadata").put("resourceVersion", String.valueOf(listing.resourceVersion()));
    ArrayNode items = out.putArray("items");
    listing.items().forEach(items::add);
    send(ctx, 200, wantsTable(ctx.request()) ? Tables.table(type, listing) : out);
  }

  private static Predicate<JsonNode> filter(HttpServerRequest req, ResourceType type) {
    return Selectors.labels(req.getParam("labelSelector"))
        .and(Selectors.fields(req.getParam("fieldSelector"), type.kind()));
  }

  private static boolean wantsTable(HttpServerRequest req) {
    String accept = req.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private void watch(
      RoutingContext ctx, SandboxSession session, ResourceType type, String version, String ns) {
    String sandbox = session.id;
    HttpServerRequest req = ctx.request();
    Predicate<JsonNode> filter = filter(req, type);
    boolean table = wantsTable(req);
    String rvParam = req.getParam("resourceVersion");
    long since =
        rvParam == null || rvParam.isEmpty() || rvParam.equals("0") ? -1 : parseVersion(rvParam);
    long timeout = watchSeconds(req.getParam("timeoutSeconds"), config.sandbox().maxWatchTimeout());
    HttpServerResponse resp = ctx.response();
    resp.setChunked(true);
    resp.putHeader("Content-Type", "application/json");
    resp.putHeader("Cache-Control", "no-cache, private");
    resp.setStatusCode(200);
    AtomicBoolean open = new AtomicBoolean(true);
    var watcher =
        new WatchHub.Watch() {
          @Override
          public void accept(WatchHub.Event e) {
            if (!open.get()
                || !e.group().equals(type.group())
                || !e.resource().equals(type.resource())) {
              return;
            }
            if (ns != null && type.namespaced() && !ns.equals(e.namespace())) {
              return;
            }
            ObjectNode object = e.object().deepCopy();
            object.put("apiVersion", type.apiVersion(version));
            if (!filter.test(object)) {
              return;
            }
            writeEvent(resp, e.type(), table ? Tables.row(type, object) : object);
          }

          @Override
          public void end(String why) {
            if (open.get()) {
              writeEvent(resp, "ERROR", KubeException.unauthorized(why).toStatus());
            }
            close();
          }

          void close() {
            if (open.compareAndSet(true, false)) {
              hub.unwatch(sandbox, this);
              if (!resp.ended() && !resp.closed()) {
                resp.end();
              }
            }
          }
        };
    // Refused (429) before anything is written, so the client gets a Status, not a stream.
    hub.watch(sandbox, session.accountId, watcher);
    resp.closeHandler(v -> watcher.close());
    ctx.vertx().setTimer(timeout * 1000, t -> watcher.close());
    // Registered first, then caught up from the database: nothing committed in between is lost
    // (an object may be sent twice, which watchers tolerate). Deletions before the watch started
    // are not replayed.
    for (ObjectNode o : store.list(sandbox, type, version, ns, filter).items()) {
      long rv = parseVersion(o.path("metadata").path("resourceVersion").asText("0"));
      if (since < 0 || rv > since) {
        writeEvent(resp, since < 0 ? "ADDED" : "MODIFIED", table ? Tables.row(type, o) : o);
      }
    }
    if (!resp.headWritten()) {
      resp.write("");
    }
    // A session that ended while this watch was being registered ended its watches before this
    // one was there to be ended.
    sessions.whyGone(sandbox).ifPresent(watcher::end);
  }

  /**
   * How long a watch stays open: what the client asks for, at most {@code
   * meshdojo.sandbox.max-watch-timeout} (by default the API server's own 1800 s), which is also
   * what a watch without {@code timeoutSeconds} gets. Clients open the next watch when one ends.
   */
  static long watchSeconds(String requested, Duration cap) {
    long max = cap.toSeconds();
    if (requested == null || requested.isEmpty()) {
      return max;
    }
    if (!requested.matches("\\d+")) {
      throw KubeException.badRequest(
          "timeoutSeconds must be a whole number of seconds, not \"" + requested + "\"");
    }
    // Nine digits and more are beyond any cap: no need to parse them.
    long asked = requested.length() > 9 ? max : Long.parseLong(requested);
    return asked == 0 ? max : Math.min(asked, max);
  }

  private static long parseVersion(String rv) {
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw KubeException.badRequest("invalid resourceVersion \"" + rv + "\"");
    }
  }

  private void writeEvent(HttpServerResponse resp, String type, JsonNode object) {
    ObjectNode event = json.createObjectNode();
    event.put("type", type);
    event.set("object", object);
    try {
      synchronized (resp) {
        if (!resp.ended() && !resp.closed()) {
          resp.write(json.writeValueAsString(event) + "\n");
        }
      }
    } catch (JsonProcessingException | IllegalStateException e) {
      LOG.debugf("watch write failed: %s", e.getMessage());
    }
  }

  private ObjectNode object(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      if (ctx.body() == null || ctx.body().buffer() == null) {
        throw KubeException.badRequest("the request has no body");
      }
      return Protobuf.decode(ctx.body().buffer().getBytes());
    }
    JsonNode node = parse(ctx, isYaml(ctx.request().getHeader("Content-Type")));
    if (!node.isObject()) {
      throw KubeException.badRequest("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static boolean isYaml(String contentType) {
    return contentType != null && contentType.contains("yaml");
  }

  private JsonNode parse(RoutingContext ctx, boolean yaml) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      throw new KubeException(
          415,
          "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include:"
              + " application/json, application/yaml");
    }
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw KubeException.badRequest("the request has no body");
    }
    try {
      JsonNode node = (yaml ? YAML : json).readTree(body);
      if (node == null) {
        throw KubeException.badRequest("the request has no body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw KubeException.badRequest(
          "the request body is not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + e.getOriginalMessage());
    }
  }

  private void sendWrite(RoutingContext ctx, int code, ObjectStore.Write w) {
    List<String> warnings = new ArrayList<>(w.warnings());
    for (String warning : warnings) {
      ctx.response().headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    send(ctx, code, w.object());
  }

  private void send(RoutingContext ctx, int code, JsonNode body) {
    try {
      ctx.response()
          .setStatusCode(code)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-cache, private")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
