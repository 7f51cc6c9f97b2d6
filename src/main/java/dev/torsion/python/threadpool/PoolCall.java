package dev.torsion.python.threadpool;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.UnhandledErrors;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call handed to a pool: runs it, reports its outcome, and never throws. */
final class PoolCall implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPool.class);

  private final String poolName;
  private Defer.@Nullable Call<?> call;
  private ThreadPool.@Nullable OnResult onResult;

  PoolCall(String poolName, Defer.Call<?> call, ThreadPool.@Nullable OnResult onResult) {
    this.poolName = poolName;
    this.call = call;
    this.onResult = onResult;
  }

  @Override
  public void run() {
    Defer.Call<?> c = call;
    ThreadPool.OnResult r = onResult;
    // Drop the references first, so the pool never keeps a finished call's objects alive.
    call = null;
    onResult = null;
    if (c == null) {
      return;
    }
    boolean ok;
    Object result;
    try {
      result = c.call();
      ok = true;
    } catch (Throwable t) {
      result = new Failure(t);
      ok = false;
    }
    c = null;
    if (r != null) {
      try {
        r.onResult(ok, result);
      } catch (Throwable t) {
        report(new Failure(t), "Unhandled error in onResult of a call in ");
      }
    } else if (!ok) {
      report((Failure) result, "Unhandled error in a call in ");
    }
  }

  private void report(Failure failure, String why) {
    try {
      UnhandledErrors.logError(failure, why + poolName + ":\n" + failure.getTraceback());
    } catch (Throwable t) {
      LOG.error("{}{}", why, poolName, failure.value());
    }
  }

  @Override
  public String toString() {
    Defer.Call<?> c = call;
    return "call " + (c == null ? "(done)" : c.toString());
  }
}
