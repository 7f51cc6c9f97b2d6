package dev.torsion.internal.reactor;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the loop reports what goes wrong in it: a callback that threw, a misuse worth a
 * warning, an iteration that ran too long. The default writes to SLF4J; tests install a
 * recording one with {@link LoopCore#setLog}, so they check what was reported without
 * depending on a logging binding.
 */
public interface LoopLog {
  /** Logs to SLF4J: errors with their stack, warnings as WARN. */
  LoopLog SLF4J = new Slf4jLoopLog();

  /**
   * A callback the loop ran (a delayed call, a thread call, a trigger, a shutdown
   * disconnection) threw; the loop goes on.
   *
   * @param callback what ran; its {@code toString()} names it (a delayed call created in debug
   *     mode includes the stack that created it)
   * @param error what it threw
   */
  void callbackFailed(Object callback, Throwable error);

  /**
   * Something the loop tolerates but the program should hear about.
   *
   * @param message the warning
   */
  void warning(String message);

  /**
   * The watchdog saw one iteration's callbacks run past the limit.
   *
   * @param loopThread the reactor thread
   * @param blockedNanos how long the iteration had been running when its stack was taken
   * @param stack the reactor thread's stack, taken while it was still blocked
   */
  void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack);

  /** The default log. */
  final class Slf4jLoopLog implements LoopLog {
    private static final Logger LOG = LoggerFactory.getLogger(LoopCore.class);

    private Slf4jLoopLog() {}

    @Override
    public void callbackFailed(Object callback, Throwable error) {
      LOG.error("Unhandled error in reactor callback {}", callback, error);
    }

    @Override
    public void warning(String message) {
      LOG.warn(message);
    }

    @Override
    public void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {
      BlockedLoop where = new BlockedLoop(loopThread.getName());
      where.setStackTrace(stack);
      LOG.warn("Reactor thread {} blocked for {} ms in one loop iteration; its stack follows",
          loopThread.getName(), blockedNanos / 1_000_000, where);
    }
  }

  /** Carries the blocked thread's stack into the log, printed as an exception's would be. */
  final class BlockedLoop extends Exception {
    private static final long serialVersionUID = 1L;

    BlockedLoop(String threadName) {
      super("stack of " + threadName + " while blocked", null, false, true);
    }
  }

  /**
   * A log that forwards every call to whatever {@code current} returns at the time, so parts
   * built once keep following a log that is replaced later ({@code LoopCore.setLog}).
   */
  static LoopLog following(Supplier<LoopLog> current) {
    return new LoopLog() {
      @Override
      public void callbackFailed(Object callback, Throwable error) {
        current.get().callbackFailed(callback, error);
      }

      @Override
      public void warning(String message) {
        current.get().warning(message);
      }

      @Override
      public void loopBlocked(Thread loopThread, long blockedNanos, StackTraceElement[] stack) {
        current.get().loopBlocked(loopThread, blockedNanos, stack);
      }
    };
  }
}
