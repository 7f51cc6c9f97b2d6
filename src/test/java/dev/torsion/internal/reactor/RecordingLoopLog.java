package dev.torsion.internal.reactor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A {@link LoopLog} for tests: keeps every report, from any thread. */
final class RecordingLoopLog implements LoopLog {
  /** One {@link #callbackFailed} report. */
  record Error(Object callback, Throwable error) {}

  /** One {@link #loopBlocked} report. */
  record Blocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {}

  private final List<Error> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Blocked> blocked = new ArrayList<>();
  /** Counted down on each blocked-loop report. */
  final CountDownLatch firstBlocked = new CountDownLatch(1);

  @Override
  public synchronized void callbackFailed(Object callback, Throwable error) {
    errors.add(new Error(callback, error));
  }

  @Override
  public synchronized void warning(String message) {
    warnings.add(message);
  }

  @Override
  public void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {
    synchronized (this) {
      blocked.add(new Blocked(loopThread, blockedNanos, stack));
    }
    firstBlocked.countDown();
  }

  synchronized List<Error> errors() {
    return new ArrayList<>(errors);
  }

  /** The errors of type {@code type}, as Twisted's {@code flushLoggedErrors(type)}. */
  synchronized List<Error> errorsOf(Class<? extends Throwable> type) {
    List<Error> out = new ArrayList<>();
    for (Error e : errors) {
      if (type.isInstance(e.error())) {
        out.add(e);
      }
    }
    return out;
  }

  synchronized List<String> warnings() {
    return new ArrayList<>(warnings);
  }

  synchronized List<Blocked> blocked() {
    return new ArrayList<>(blocked);
  }
}
