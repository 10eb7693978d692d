package io.meshdojo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTlsTest {

  @Test
  void makesAKeyPairForLocalhostOnceAndKeepsTheKeyPrivate(@TempDir Path dir) throws Exception {
    Path tls = dir.resolve("tls");
    LocalTls.ensure(tls);

    Path cert = tls.resolve(LocalTls.CERTIFICATE);
    Path key = tls.resolve(LocalTls.KEY);
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(cert)) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    List<Object> names =
        certificate.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList();
    assertThat(names).contains("localhost", "127.0.0.1");
    String pem = Files.readString(key);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)))
        .isNotNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.list(tls).map(p -> p.getFileName().toString()).toList())
        .containsExactlyInAnyOrder(LocalTls.CERTIFICATE, LocalTls.KEY);

    String before = Files.readString(cert);
    LocalTls.ensure(tls);
    assertThat(Files.readString(cert)).as("kept, not made again").isEqualTo(before);
    assertThat(List.of(cert, key)).allMatch(Files::isRegularFile);
  }
}
