package dev.torsion.internet.reactor;

/**
 * A reactor's I/O event source: the small part each reactor supplies (see the package
 * description for the whole contract).
 *
 * <p><b>Threading.</b> {@link #wakeUp()} may be called from any thread; every other method only
 * from the reactor thread.
 */
public interface IoBackend extends AutoCloseable {
  /**
   * Waits for I/O readiness or completions for at most {@code timeoutNanos}, or until
   * {@link #wakeUp()}, then dispatches every event found to its handler on this thread.
   *
   * @param timeoutNanos 0 to poll without waiting, negative to wait without limit
   */
  void poll(long timeoutNanos);

  /** Makes a {@link #poll} in progress, or the next one, return promptly. Thread-safe. */
  void wakeUp();

  /** Releases the backend's resources. Idempotent. */
  @Override
  void close();
}
