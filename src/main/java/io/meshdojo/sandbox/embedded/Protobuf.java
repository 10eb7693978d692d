package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * kubectl's typed commands ({@code kubectl create namespace|configmap|secret|serviceaccount|
 * deployment|service}) send Kubernetes protobuf, not JSON, and fall back to nothing else. This
 * reads that envelope and, for those kinds, the fields those commands set (kubectl writes every
 * field, empty ones too: empty strings and zeros are left out, as JSON would omit them); any other
 * protobuf body is refused with a message that points to apply.
 */
final class Protobuf {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private Protobuf() {}

  /** A field as read from the wire: number, and either a varint or bytes. */
  private record Field(int number, long varint, byte[] bytes) {
    String text() {
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static ObjectNode decode(byte[] body) {
    if (body.length < 4
        || body[0] != MAGIC[0]
        || body[1] != MAGIC[1]
        || body[2] != MAGIC[2]
        || body[3] != MAGIC[3]) {
      throw KubeException.badRequest("the protobuf body lacks the Kubernetes envelope");
    }
    byte[] envelope = new byte[body.length - 4];
    System.arraycopy(body, 4, envelope, 0, envelope.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    for (Field f : fields(envelope)) {
      if (f.number() == 1 && f.bytes() != null) {
        for (Field t : fields(f.bytes())) {
          if (t.number() == 1) {
            apiVersion = t.text();
          } else if (t.number() == 2) {
            kind = t.text();
          }
        }
      } else if (f.number() == 2 && f.bytes() != null) {
        raw = f.bytes();
      }
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    switch (apiVersion + "/" + kind) {
      case "v1/Namespace", "v1/ServiceAccount" -> {
        for (Field f : fields(raw)) {
          if (f.number() == 1) {
            o.set("metadata", meta(f.bytes()));
          }
        }
      }
      case "v1/ConfigMap", "v1/Secret" -> {
        boolean secret = kind.equals("Secret");
        for (Field f : fields(raw)) {
          switch (f.number()) {
            case 1 -> o.set("metadata", meta(f.bytes()));
            case 2 -> {
              String[] entry = entry(f.bytes());
              ObjectNode data = (ObjectNode) o.with("data");
              data.put(
                  entry[0],
                  secret
                      ? Base64.getEncoder()
                          .encodeToString(entry[1].getBytes(StandardCharsets.ISO_8859_1))
                      : entry[1]);
            }
            case 3 -> {
              if (secret) {
                o.put("type", f.text());
              }
            }
            default -> {}
          }
        }
      }
      case "apps/v1/Deployment" -> {
        for (Field f : fields(raw)) {
          switch (f.number()) {
            case 1 -> o.set("metadata", meta(f.bytes()));
            case 2 -> o.set("spec", deploymentSpec(f.bytes()));
            default -> {}
          }
        }
      }
      case "v1/Service" -> {
        for (Field f : fields(raw)) {
          switch (f.number()) {
            case 1 -> o.set("metadata", meta(f.bytes()));
            case 2 -> o.set("spec", serviceSpec(f.bytes()));
            default -> {}
          }
        }
      }
      default ->
          throw new KubeException(
              415,
              "UnsupportedMediaType",
              "this sandbox does not read protobuf for "
                  + kind
                  + ": write the object as YAML and use kubectl apply -f");
    }
    return o;
  }

  private static ObjectNode meta(byte[] bytes) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    for (Field f : fields(bytes)) {
      switch (f.number()) {
        case 1 -> putText(meta, "name", f);
        case 2 -> putText(meta, "generateName", f);
        case 3 -> putText(meta, "namespace", f);
        case 11 -> {
          String[] e = entry(f.bytes());
          ((ObjectNode) meta.with("labels")).put(e[0], e[1]);
        }
        case 12 -> {
          String[] e = entry(f.bytes());
          ((ObjectNode) meta.with("annotations")).put(e[0], e[1]);
        }
        default -> {}
      }
    }
    return meta;
  }

  /** apps/v1 DeploymentSpec: replicas 1, selector 2, template 3 (metadata 1, spec 2). */
  private static ObjectNode deploymentSpec(byte[] bytes) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    for (Field f : fields(bytes)) {
      switch (f.number()) {
        case 1 -> spec.put("replicas", (int) f.varint());
        case 2 -> {
          ObjectNode selector = spec.putObject("selector");
          for (Field s : fields(f.bytes())) {
            if (s.number() == 1) {
              String[] e = entry(s.bytes());
              ((ObjectNode) selector.with("matchLabels")).put(e[0], e[1]);
            }
          }
        }
        case 3 -> {
          ObjectNode template = spec.putObject("template");
          for (Field t : fields(f.bytes())) {
            if (t.number() == 1) {
              template.set("metadata", meta(t.bytes()));
            } else if (t.number() == 2) {
              template.set("spec", podSpec(t.bytes()));
            }
          }
        }
        default -> {}
      }
    }
    return spec;
  }

  /** core/v1 PodSpec: its containers (2). */
  private static ObjectNode podSpec(byte[] bytes) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    for (Field f : fields(bytes)) {
      if (f.number() == 2) {
        spec.withArray("containers").add(container(f.bytes()));
      }
    }
    return spec;
  }

  /** core/v1 Container: name 1, image 2, command 3, args 4, workingDir 5, ports 6, env 7. */
  private static ObjectNode container(byte[] bytes) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    for (Field f : fields(bytes)) {
      switch (f.number()) {
        case 1 -> putText(c, "name", f);
        case 2 -> putText(c, "image", f);
        case 3 -> c.withArray("command").add(f.text());
        case 4 -> c.withArray("args").add(f.text());
        case 5 -> putText(c, "workingDir", f);
        case 6 -> {
          ObjectNode port = c.withArray("ports").addObject();
          for (Field p : fields(f.bytes())) {
            switch (p.number()) {
              case 1 -> putText(port, "name", p);
              case 3 -> port.put("containerPort", (int) p.varint());
              case 4 -> putText(port, "protocol", p);
              default -> {}
            }
          }
        }
        case 7 -> {
          ObjectNode env = c.withArray("env").addObject();
          for (Field e : fields(f.bytes())) {
            if (e.number() == 1) {
              env.put("name", e.text());
            } else if (e.number() == 2) {
              env.put("value", e.text());
            }
          }
        }
        default -> {}
      }
    }
    return c;
  }

  /** core/v1 ServiceSpec: ports 1, selector 2, clusterIP 3, type 4. */
  private static ObjectNode serviceSpec(byte[] bytes) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    for (Field f : fields(bytes)) {
      switch (f.number()) {
        case 1 -> {
          ObjectNode port = spec.withArray("ports").addObject();
          for (Field p : fields(f.bytes())) {
            switch (p.number()) {
              case 1 -> putText(port, "name", p);
              case 2 -> putText(port, "protocol", p);
              case 3 -> port.put("port", (int) p.varint());
              case 4 -> targetPort(port, p.bytes());
              case 5 -> {
                if (p.varint() != 0) {
                  port.put("nodePort", (int) p.varint());
                }
              }
              default -> {}
            }
          }
        }
        case 2 -> {
          String[] e = entry(f.bytes());
          ((ObjectNode) spec.with("selector")).put(e[0], e[1]);
        }
        case 3 -> putText(spec, "clusterIP", f);
        case 4 -> putText(spec, "type", f);
        default -> {}
      }
    }
    return spec;
  }

  /** An IntOrString: type 1 (0 int, 1 string), intVal 2, strVal 3. */
  private static void targetPort(ObjectNode port, byte[] bytes) {
    long type = 0;
    long number = 0;
    String text = "";
    for (Field f : fields(bytes)) {
      switch (f.number()) {
        case 1 -> type = f.varint();
        case 2 -> number = f.varint();
        case 3 -> text = f.text();
        default -> {}
      }
    }
    if (type == 1) {
      port.put("targetPort", text);
    } else if (number != 0) {
      port.put("targetPort", (int) number);
    }
  }

  private static void putText(ObjectNode target, String name, Field f) {
    if (f.bytes() != null && f.bytes().length > 0) {
      target.put(name, f.text());
    }
  }

  /** A map entry: key 1, value 2 (bytes kept as ISO-8859-1 so binary values survive). */
  private static String[] entry(byte[] bytes) {
    String key = "";
    String value = "";
    for (Field f : fields(bytes)) {
      if (f.number() == 1) {
        key = f.text();
      } else if (f.number() == 2) {
        value = f.bytes() == null ? "" : new String(f.bytes(), StandardCharsets.ISO_8859_1);
      }
    }
    if (!value.isEmpty()) {
      byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
      String utf8 = new String(raw, StandardCharsets.UTF_8);
      if (utf8.getBytes(StandardCharsets.UTF_8).length == raw.length && !utf8.contains("\uFFFD")) {
        return new String[] {key, utf8};
      }
    }
    return new String[] {key, value};
  }

  /** The fields of a message; a field sent as a number where a message belongs has none. */
  private static List<Field> fields(byte[] b) {
    List<Field> fields = new ArrayList<>();
    if (b == null) {
      return fields;
    }
    int[] pos = {0};
    while (pos[0] < b.length) {
      long tag = varint(b, pos);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> fields.add(new Field(number, varint(b, pos), null));
        case 1 -> pos[0] += 8;
        case 2 -> {
          long len = varint(b, pos);
          if (len < 0 || pos[0] + len > b.length) {
            throw KubeException.badRequest("malformed protobuf body");
          }
          byte[] v = new byte[(int) len];
          System.arraycopy(b, pos[0], v, 0, (int) len);
          pos[0] += (int) len;
          fields.add(new Field(number, 0, v));
        }
        case 5 -> pos[0] += 4;
        default -> throw KubeException.badRequest("malformed protobuf body");
      }
    }
    return fields;
  }

  private static long varint(byte[] b, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= b.length) {
        throw KubeException.badRequest("malformed protobuf body");
      }
      byte x = b[pos[0]++];
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw KubeException.badRequest("malformed protobuf body");
  }
}
