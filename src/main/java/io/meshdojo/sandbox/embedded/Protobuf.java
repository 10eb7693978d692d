package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * kubectl's typed commands ({@code kubectl create namespace|configmap|secret|serviceaccount}) send
 * Kubernetes protobuf, not JSON. This reads that envelope and, for those few kinds, the fields
 * those commands set; any other protobuf body is refused with a message that points to apply.
 */
final class Protobuf {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private Protobuf() {}

  /** A field as read from the wire: number, and either a varint or bytes. */
  private record Field(int number, long varint, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
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
        case 1 -> meta.put("name", f.text());
        case 2 -> meta.put("generateName", f.text());
        case 3 -> meta.put("namespace", f.text());
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

  /** A map entry: key 1, value 2 (bytes kept as ISO-8859-1 so binary values survive). */
  private static String[] entry(byte[] bytes) {
    String key = "";
    String value = "";
    for (Field f : fields(bytes)) {
      if (f.number() == 1) {
        key = f.text();
      } else if (f.number() == 2) {
        value = new String(f.bytes(), StandardCharsets.ISO_8859_1);
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

  private static List<Field> fields(byte[] b) {
    List<Field> fields = new ArrayList<>();
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
