package io.meshdojo.sandbox.embedded;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * Runs a write in a transaction that is rolled back: {@code ?dryRun=All} checks without storing.
 */
@ApplicationScoped
public class DryRun {

  private final TransactionSynchronizationRegistry transactions;

  public DryRun(TransactionSynchronizationRegistry transactions) {
    this.transactions = transactions;
  }

  @Transactional
  public <T> T rolledBack(Supplier<T> write) {
    try {
      return write.get();
    } finally {
      transactions.setRollbackOnly();
    }
  }
}
