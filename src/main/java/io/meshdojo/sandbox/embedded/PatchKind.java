package io.meshdojo.sandbox.embedded;

/** The patch formats, by the Content-Type kubectl sends. */
public enum PatchKind {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json"),
  APPLY("application/apply-patch+yaml");

  private final String mediaType;

  PatchKind(String mediaType) {
    this.mediaType = mediaType;
  }

  public static PatchKind of(String contentType) {
    String base = contentType == null ? "" : contentType.split(";")[0].trim();
    for (PatchKind k : values()) {
      if (k.mediaType.equals(base)) {
        return k;
      }
    }
    throw new KubeException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json");
  }
}
