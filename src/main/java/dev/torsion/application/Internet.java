package dev.torsion.application;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;

/**
 * The module-level functions of Twisted's {@code twisted.application.internet}: the retry delay
 * policy that reconnecting services use.
 *
 * @twisted twisted.application.internet
 */
public final class Internet {
  /** Twisted's cap on the exponent, which keeps the delay finite for any attempt count. */
  private static final int MAX_EXPONENT = 100;

  private Internet() {}

  /**
   * An exponential backoff policy with Twisted's defaults: 1 second first, growing by 1.5 per
   * attempt, at most 60 seconds, plus a random jitter in [0, 1).
   *
   * @return a function from the attempt count (0 for the first retry) to a delay in seconds
   * @twisted twisted.application.internet.backoffPolicy
   */
  public static IntToDoubleFunction backoffPolicy() {
    return backoffPolicy(1.0, 60.0, 1.5, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * An exponential backoff policy: attempt {@code n} waits
   * {@code min(initialDelay * factor^min(100, n), maxDelay) + jitter()} seconds. A delay too
   * large for a double is {@code maxDelay}, as Twisted catches {@code OverflowError}. The
   * jitter is added after the cap, so the longest delay is {@code maxDelay} plus the largest
   * jitter.
   *
   * <pre>{@code
   * IntToDoubleFunction policy = Internet.backoffPolicy(0.5, 30, 2, () -> 0);
   * policy.applyAsDouble(0);   // 0.5
   * policy.applyAsDouble(3);   // 4.0
   * policy.applyAsDouble(10);  // 30.0
   * }</pre>
   *
   * @param initialDelay the delay before the first retry, in seconds (Twisted's default 1.0)
   * @param maxDelay the largest delay before jitter, in seconds (default 60.0)
   * @param factor how much the delay grows with each attempt (default 1.5)
   * @param jitter noise added to every delay (default uniform in [0, 1))
   * @return a function from the attempt count to a delay in seconds
   * @throws NullPointerException if {@code jitter} is null
   * @twisted twisted.application.internet.backoffPolicy
   */
  public static IntToDoubleFunction backoffPolicy(
      double initialDelay, double maxDelay, double factor, DoubleSupplier jitter) {
    Objects.requireNonNull(jitter, "jitter");
    return attempt -> {
      double growth = Math.pow(factor, Math.min(MAX_EXPONENT, attempt));
      double delay = Double.isInfinite(growth)
          ? maxDelay
          : Math.min(initialDelay * growth, maxDelay);
      return delay + jitter.getAsDouble();
    };
  }
}
