# Sourced by bench/sandbox-bench.sh and bench/exec-bench.sh (not run on its own): starts the
# packaged jar on a fresh H2 database in a temporary folder, with a throwaway HTTPS key pair
# (kubectl sends bearer tokens over HTTPS only), and signs a learner in with the form.

# bench_launch [JAVA_OPTION...]: starts the service with these extra -D options and waits until it
# is ready. Sets WORK (removed on exit, with the service stopped), PORT, SSL, BASE and PID.
bench_launch() {
  local jar=target/quarkus-app/quarkus-run.jar
  [ -f "$jar" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
  WORK=$(mktemp -d)
  PORT=$(bench_free_port)
  SSL=$(bench_free_port)
  keytool -genkeypair -keystore "$WORK/tls.p12" -storetype PKCS12 -storepass bench-only -keypass bench-only \
    -alias localhost -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 -keyalg RSA -keysize 2048 \
    -validity 2 >/dev/null 2>&1
  java -Xmx512m \
    -Dquarkus.http.port="$PORT" -Dquarkus.http.ssl-port="$SSL" \
    -Dquarkus.http.ssl.certificate.key-store-file="$WORK/tls.p12" \
    -Dquarkus.http.ssl.certificate.key-store-password=bench-only \
    -Dmeshdojo.sandbox.public-url="https://localhost:$SSL" \
    -Dmeshdojo.admin.password=bench-admin \
    -Dquarkus.log.level=WARN \
    "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    "$@" \
    -jar "$jar" >"$WORK/service.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
  BASE="http://localhost:$PORT"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'
}

# bench_sign_in USER: signs USER up and in with the form, as the pages do (HTTP Basic would verify
# the bcrypt hash on every call, tens of ms by design, and hide what the service itself spends);
# the session cookie is in $WORK/cookies.
bench_sign_in() {
  curl -sS -o /dev/null -w "signup %{http_code}\n" -H "Content-Type: application/json" \
    -d "{\"username\":\"$1\",\"password\":\"sandbox load 42\"}" "$BASE/api/signup"
  curl -sf -c "$WORK/cookies" -o /dev/null -d "j_username=$1" -d 'j_password=sandbox load 42' "$BASE/j_security_check"
}
