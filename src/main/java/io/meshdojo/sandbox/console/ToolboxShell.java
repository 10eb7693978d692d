package io.meshdojo.sandbox.console;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.meshdojo.sandbox.kind.SandboxClusters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A shell with a terminal in the kind sandbox's toolbox pod (container {@code shell}, see
 * infra/toolbox/), through the cluster's own API: bytes typed go to its stdin, what it prints comes
 * back as raw terminal bytes. Closing it ends the shell and the client.
 */
public final class ToolboxShell implements AutoCloseable {

  /**
   * bash where the image has it (alpine/k8s does), sh otherwise; a login shell reads the profile.
   */
  static final String[] COMMAND = {
    "/bin/sh", "-c", "if command -v bash >/dev/null; then exec bash -l; else exec sh -l; fi"
  };

  private final KubernetesClient client;
  private final ExecWatch watch;

  private ToolboxShell(KubernetesClient client, ExecWatch watch) {
    this.client = client;
    this.watch = watch;
  }

  /**
   * @param output receives what the shell prints, in the order printed
   * @param ended runs once when the shell exits or the connection to it fails
   */
  public static ToolboxShell open(
      String kubeconfig, int cols, int rows, Consumer<byte[]> output, Runnable ended) {
    KubernetesClient client = SandboxClusters.connect(kubeconfig);
    try {
      ExecWatch watch =
          SandboxClusters.toolbox(client)
              .redirectingInput()
              .writingOutput(new Forwarding(output))
              .withTTY()
              .usingListener(
                  new ExecListener() {
                    @Override
                    public void onFailure(Throwable t, Response failureResponse) {
                      ended.run();
                    }

                    @Override
                    public void onClose(int code, String reason) {
                      ended.run();
                    }
                  })
              .exec(COMMAND);
      watch.resize(cols, rows);
      return new ToolboxShell(client, watch);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  public void input(String keys) {
    try {
      OutputStream in = watch.getInput();
      in.write(keys.getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the toolbox shell is gone", e);
    }
  }

  public void resize(int cols, int rows) {
    watch.resize(cols, rows);
  }

  @Override
  public void close() {
    try {
      watch.close();
    } finally {
      client.close();
    }
  }

  /** Hands each chunk the shell prints to the socket as it comes. */
  private static final class Forwarding extends OutputStream {
    private final Consumer<byte[]> output;

    Forwarding(Consumer<byte[]> output) {
      this.output = output;
    }

    @Override
    public void write(int b) {
      output.accept(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
      output.accept(Arrays.copyOfRange(b, off, off + len));
    }
  }
}
