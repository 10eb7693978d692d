package io.meshdojo.sandbox.kubernetes;

import java.util.function.Supplier;

/**
 * A value made on first use and kept: the host cluster's client, the environments' installs. Made
 * lazily so that a backend switched off never connects or reads them.
 */
final class Once<T> implements Supplier<T> {

  private final Supplier<T> make;
  private volatile T value;

  private Once(Supplier<T> make) {
    this.make = make;
  }

  static <T> Once<T> of(Supplier<T> make) {
    return new Once<>(make);
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = make.get();
        }
        v = value;
      }
    }
    return v;
  }
}
