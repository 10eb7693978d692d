package io.meshdojo.sandbox.kind;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** Holds submitted work until the test runs it, to observe clusters while they are created. */
final class ManualExecutor implements Executor {

  private final Deque<Runnable> pending = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    pending.addLast(task);
  }

  /** Runs everything submitted so far, and whatever that submits, until nothing is left. */
  void runAll() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = pending.pollFirst();
      }
      if (next == null) {
        return;
      }
      next.run();
    }
  }

  synchronized int pending() {
    return pending.size();
  }
}
