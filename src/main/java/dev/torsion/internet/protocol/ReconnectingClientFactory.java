package dev.torsion.internet.protocol;

import dev.torsion.internet.error.NotConnectingError;
import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.python.failure.Failure;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client factory that reconnects, with exponential back-off, whenever a connection attempt
 * fails or an established connection is lost.
 *
 * <p>Each retry multiplies the delay by {@link #factor()} (e), caps it at {@link #maxDelay()}
 * (3600 s), then draws the actual delay from a Gaussian centred on it with a standard deviation
 * of {@link #jitter()} times the delay, so that many clients cut off together do not come back
 * together. The first retry waits about e seconds ({@link #initialDelay()} times e).
 *
 * <pre>{@code
 * final class EchoClientFactory extends ReconnectingClientFactory {
 *   @Override public Protocol buildProtocol(IAddress addr) {
 *     resetDelay(); // connected: the next loss starts the back-off afresh
 *     return super.buildProtocol(addr);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #clientConnectionFailed} and {@link #clientConnectionLost} call
 * {@link #retry(IConnector)} while {@link #continueTrying()}. {@link #stopTrying()} cancels a
 * pending retry, stops a connection attempt under way and keeps further losses from
 * reconnecting; {@link #resetDelay()} (call it once connected) restores the initial delay, the
 * retry count and {@code continueTrying}. After {@link #maxRetries()} consecutive retries
 * (unlimited when null) the factory gives up.
 *
 * <p><b>Threading.</b> Reactor thread only (the clock's thread).
 *
 * <p><b>Differences from Twisted.</b> The attributes are methods ({@code factory.maxDelay = 10}
 * is {@code factory.setMaxDelay(10)}). The clock defaults, at the first retry, to the global
 * reactor ({@link Reactors#current()}). The jitter's random source is injectable
 * ({@link #setRandom}) so that tests are deterministic. A drawn delay below zero (eight standard
 * deviations off) is taken as zero, where Twisted's {@code callLater} would accept it.
 * {@code retry()} without a remembered connector throws {@link IllegalStateException}
 * (Twisted's {@code ValueError}). Twisted's pickling support has no counterpart.
 *
 * @twisted twisted.internet.protocol.ReconnectingClientFactory
 */
public class ReconnectingClientFactory extends ClientFactory {
  /** Twisted's value: the longest wait between attempts, in seconds. */
  public static final double MAX_DELAY = 3600;
  /** Twisted's value: the delay the back-off starts from, in seconds. */
  public static final double INITIAL_DELAY = 1.0;
  /** Twisted's value: e, the factor the delay grows by at each retry. */
  public static final double FACTOR = Math.E;
  /** Twisted 22.4's value: the relative standard deviation of the delay. */
  public static final double JITTER = 0.119626565582;

  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingClientFactory.class);

  private double maxDelay = MAX_DELAY;
  private double initialDelay = INITIAL_DELAY;
  private double factor = FACTOR;
  private double jitter = JITTER;
  private double delay = INITIAL_DELAY;
  private int retries;
  private @Nullable Integer maxRetries;
  private @Nullable IConnector connector;
  private @Nullable IReactorTime clock;
  private Random random = new Random();
  private boolean continueTrying = true;
  private @Nullable IDelayedCall callId;

  /** A factory with Twisted's defaults; set its protocol, or override {@code buildProtocol}. */
  public ReconnectingClientFactory() {}

  /**
   * The client factory has lost its connection or failed to make one: remember the connector
   * and retry, unless told to stop.
   *
   * @param connector the connector to connect again
   * @param reason why the attempt failed
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.clientConnectionFailed
   */
  @Override
  public void clientConnectionFailed(IConnector connector, Failure reason) {
    if (continueTrying) {
      this.connector = connector;
      retry(null);
    }
  }

  /**
   * An established connection was lost: remember the connector and retry, unless told to stop.
   *
   * @param connector the connector to connect again
   * @param reason why the connection was lost (not used)
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.clientConnectionLost
   */
  @Override
  public void clientConnectionLost(IConnector connector, Failure reason) {
    if (continueTrying) {
      this.connector = connector;
      retry(null);
    }
  }

  /**
   * Schedules {@code connector.connect()} after the next back-off delay. Does nothing after
   * {@link #stopTrying()}, or once {@link #maxRetries()} consecutive retries have been made.
   *
   * @param connector the connector, or null for the one last remembered
   * @throws IllegalStateException if {@code connector} is null and none is remembered
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.retry
   */
  public void retry(@Nullable IConnector connector) {
    if (!continueTrying) {
      if (noisy()) {
        LOG.info("Abandoning {} on explicit request", connector);
      }
      return;
    }
    IConnector target = connector != null ? connector : this.connector;
    if (target == null) {
      throw new IllegalStateException("no connector to retry");
    }
    retries++;
    Integer limit = maxRetries;
    if (limit != null && retries > limit) {
      if (noisy()) {
        LOG.info("Abandoning {} after {} retries.", target, retries);
      }
      return;
    }
    delay = Math.min(delay * factor, maxDelay);
    if (jitter != 0) {
      delay = Math.max(0, delay + random.nextGaussian() * delay * jitter);
    }
    if (noisy()) {
      LOG.info("{} will retry in {} seconds", target, (long) delay);
    }
    IReactorTime c = clock;
    if (c == null) {
      c = Reactors.current();
      clock = c;
    }
    callId = c.callLater(delay, () -> {
      callId = null;
      target.connect();
    });
  }

  /**
   * Stops reconnecting: cancels a pending retry, stops a connection attempt under way (through
   * the remembered connector), and keeps later failures and losses from retrying. An
   * established connection is left alone.
   *
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.stopTrying
   */
  public void stopTrying() {
    IDelayedCall pending = callId;
    callId = null;
    if (pending != null && pending.active()) {
      pending.cancel();
    }
    continueTrying = false;
    IConnector c = connector;
    if (c != null) {
      try {
        c.stopConnecting();
      } catch (NotConnectingError notConnecting) {
        // Connected, or between attempts: nothing to stop.
      }
    }
  }

  /**
   * Restores the initial delay, zeroes the retry count and resumes trying: call it once a
   * connection is made.
   *
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.resetDelay
   */
  public void resetDelay() {
    delay = initialDelay;
    retries = 0;
    callId = null;
    continueTrying = true;
  }

  /**
   * The current delay: the last one waited, or the initial delay before any retry.
   *
   * @return seconds
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.delay
   */
  public final double delay() {
    return delay;
  }

  /**
   * How many retries were made since the last {@link #resetDelay()}.
   *
   * @return the count
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.retries
   */
  public final int retries() {
    return retries;
  }

  /**
   * Whether failures and losses still lead to retries.
   *
   * @return false after {@link #stopTrying()} until {@link #resetDelay()}
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.continueTrying
   */
  public final boolean continueTrying() {
    return continueTrying;
  }

  /**
   * The connector last given to a failure or loss callback.
   *
   * @return the connector, or null before any
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.connector
   */
  public final @Nullable IConnector connector() {
    return connector;
  }

  /**
   * Sets the remembered connector, as Twisted code does by assigning {@code connector}.
   *
   * @param connector the connector, or null
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.connector
   */
  public final void setConnector(@Nullable IConnector connector) {
    this.connector = connector;
  }

  /**
   * The longest delay between attempts.
   *
   * @return seconds, 3600 by default
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.maxDelay
   */
  public final double maxDelay() {
    return maxDelay;
  }

  /**
   * Sets the longest delay between attempts.
   *
   * @param maxDelay seconds, zero or more
   * @throws IllegalArgumentException if negative or NaN
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.maxDelay
   */
  public final void setMaxDelay(double maxDelay) {
    this.maxDelay = nonNegative(maxDelay, "maxDelay");
  }

  /**
   * The delay the back-off starts from, and returns to at {@link #resetDelay()}.
   *
   * @return seconds, 1.0 by default
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.initialDelay
   */
  public final double initialDelay() {
    return initialDelay;
  }

  /**
   * Sets the initial delay; before the first retry it is also the current delay.
   *
   * @param initialDelay seconds, zero or more
   * @throws IllegalArgumentException if negative or NaN
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.initialDelay
   */
  public final void setInitialDelay(double initialDelay) {
    this.initialDelay = nonNegative(initialDelay, "initialDelay");
    if (retries == 0) {
      delay = initialDelay;
    }
  }

  /**
   * The factor the delay grows by at each retry.
   *
   * @return e by default
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.factor
   */
  public final double factor() {
    return factor;
  }

  /**
   * Sets the factor the delay grows by.
   *
   * @param factor the factor, zero or more
   * @throws IllegalArgumentException if negative or NaN
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.factor
   */
  public final void setFactor(double factor) {
    this.factor = nonNegative(factor, "factor");
  }

  /**
   * The delay's standard deviation as a fraction of it.
   *
   * @return 0.119626565582 by default
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.jitter
   */
  public final double jitter() {
    return jitter;
  }

  /**
   * Sets the jitter; 0 makes the delays exact.
   *
   * @param jitter the fraction, zero or more
   * @throws IllegalArgumentException if negative or NaN
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.jitter
   */
  public final void setJitter(double jitter) {
    this.jitter = nonNegative(jitter, "jitter");
  }

  /**
   * The most consecutive retries before giving up.
   *
   * @return the limit, or null for none (the default)
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.maxRetries
   */
  public final @Nullable Integer maxRetries() {
    return maxRetries;
  }

  /**
   * Sets the most consecutive retries before giving up.
   *
   * @param maxRetries the limit, or null for none
   * @throws IllegalArgumentException if negative
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.maxRetries
   */
  public final void setMaxRetries(@Nullable Integer maxRetries) {
    if (maxRetries != null && maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
    }
    this.maxRetries = maxRetries;
  }

  /**
   * The scheduler of retries.
   *
   * @return the clock, or null until the first retry picks the global reactor
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.clock
   */
  public final @Nullable IReactorTime clock() {
    return clock;
  }

  /**
   * Sets the scheduler of retries: a {@code task.Clock} in tests.
   *
   * @param clock the scheduler
   * @twisted twisted.internet.protocol.ReconnectingClientFactory.clock
   */
  public final void setClock(IReactorTime clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Sets the source of the jitter, for deterministic tests.
   *
   * @param random the source
   */
  public final void setRandom(Random random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  private static double nonNegative(double value, String name) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
    return value;
  }
}
