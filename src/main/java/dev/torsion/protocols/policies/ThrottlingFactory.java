package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.reactor.Reactors;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wrapping factory that limits the number of open connections and, optionally, the bytes per
 * second read and written over all of them together.
 *
 * <p><b>How the rates are held.</b> Each connection adds what it reads and writes to the
 * factory's totals for the current second. Once a second (on the clock, from the first
 * connection on) the factory compares each total with its limit: over the read limit, every
 * connection's transport is paused ({@code pauseProducing}); over the write limit, every
 * connection's registered push producer is paused. Either is resumed after
 * {@code total / limit - 1} seconds, the time the excess takes at the limited rate, and the
 * totals start again at zero. So the limits hold on average over a few seconds, not within one;
 * a protocol that writes without a producer is counted but cannot be slowed.
 *
 * <pre>{@code
 * // at most 100 connections, reading 1 MB/s and writing 512 KB/s in all
 * reactor.listenTCP(8000, new ThrottlingFactory(echoFactory, 100, 1_000_000L, 512_000L, null));
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The once-a-second checks start with the first connection and stop
 * (with any pending resume) when the last one is lost. Over the connection limit,
 * {@code buildProtocol} returns null and the connection is refused.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> Twisted's tests override {@code callLater} for a test
 * clock; here the clock is a constructor argument (null for the global reactor,
 * {@link Reactors#current()}, looked up when first needed). Limits are {@code Long}, null for
 * {@code None}. Throttling is logged with SLF4J at INFO, where Twisted uses {@code log.msg}.
 *
 * @twisted twisted.protocols.policies.ThrottlingFactory
 */
public final class ThrottlingFactory extends WrappingFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ThrottlingFactory.class);

  private final int maxConnectionCount;
  private final @Nullable Long readLimit;
  private final @Nullable Long writeLimit;
  private final @Nullable IReactorTime clock;
  private int connectionCount;
  private long readThisSecond;
  private long writtenThisSecond;
  private @Nullable IDelayedCall unthrottleReadsId;
  private @Nullable IDelayedCall checkReadBandwidthId;
  private @Nullable IDelayedCall unthrottleWritesId;
  private @Nullable IDelayedCall checkWriteBandwidthId;

  /**
   * Limits {@code wrappedFactory} to {@code maxConnectionCount} open connections, no rate limit.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param maxConnectionCount the most connections open at once
   */
  public ThrottlingFactory(IProtocolFactory wrappedFactory, int maxConnectionCount) {
    this(wrappedFactory, maxConnectionCount, null, null, null);
  }

  /**
   * Limits {@code wrappedFactory}'s connections and byte rates.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param maxConnectionCount the most connections open at once ({@code Integer.MAX_VALUE} for
   *     Twisted's default)
   * @param readLimit the most bytes read per second over all connections, or null for no limit
   * @param writeLimit the most bytes written per second over all connections, or null
   * @param clock the clock for the once-a-second checks; null for the global reactor
   * @throws IllegalArgumentException if a limit is not positive, or the count is negative
   * @twisted twisted.protocols.policies.ThrottlingFactory.__init__
   */
  public ThrottlingFactory(IProtocolFactory wrappedFactory, int maxConnectionCount,
      @Nullable Long readLimit, @Nullable Long writeLimit, @Nullable IReactorTime clock) {
    super(wrappedFactory);
    if (maxConnectionCount < 0) {
      throw new IllegalArgumentException("maxConnectionCount must be >= 0");
    }
    if ((readLimit != null && readLimit <= 0) || (writeLimit != null && writeLimit <= 0)) {
      throw new IllegalArgumentException("byte rate limits must be > 0 or null");
    }
    this.maxConnectionCount = maxConnectionCount;
    this.readLimit = readLimit;
    this.writeLimit = writeLimit;
    this.clock = clock;
  }

  /**
   * The open connections.
   *
   * @return how many wrappers are built and not yet lost
   * @twisted twisted.protocols.policies.ThrottlingFactory.connectionCount
   */
  public int connectionCount() {
    return connectionCount;
  }

  /**
   * The bytes read in the current second.
   *
   * @return the total over all connections since the last check
   * @twisted twisted.protocols.policies.ThrottlingFactory.readThisSecond
   */
  public long readThisSecond() {
    return readThisSecond;
  }

  /**
   * The bytes written in the current second.
   *
   * @return the total over all connections since the last check
   * @twisted twisted.protocols.policies.ThrottlingFactory.writtenThisSecond
   */
  public long writtenThisSecond() {
    return writtenThisSecond;
  }

  void registerWritten(long length) {
    writtenThisSecond += length;
  }

  void registerRead(long length) {
    readThisSecond += length;
  }

  private IDelayedCall callLater(double period, Runnable func) {
    IReactorTime c = clock != null ? clock : Reactors.current();
    return c.callLater(period, func);
  }

  private void checkReadBandwidth() {
    long limit = readLimit == null ? Long.MAX_VALUE : readLimit;
    long read = readThisSecond;
    // Rescheduled first: a throttle that throws must not end the checks (reads paused forever).
    readThisSecond = 0;
    checkReadBandwidthId = callLater(1, this::checkReadBandwidth);
    if (read > limit) {
      // A throttle still pending (a connection made during it read too much) is superseded,
      // not left to end this one early and to outlive the last connection (Twisted leaks it).
      unthrottleReadsId = cancel(unthrottleReadsId);
      throttleReads();
      double throttleTime = (double) read / limit - 1.0;
      unthrottleReadsId = callLater(throttleTime, this::unthrottleReads);
    }
  }

  private void checkWriteBandwidth() {
    long limit = writeLimit == null ? Long.MAX_VALUE : writeLimit;
    long written = writtenThisSecond;
    // As checkReadBandwidth: reschedule first, and supersede a pending unthrottle.
    writtenThisSecond = 0;
    checkWriteBandwidthId = callLater(1, this::checkWriteBandwidth);
    if (written > limit) {
      unthrottleWritesId = cancel(unthrottleWritesId);
      throttleWrites();
      double throttleTime = (double) written / limit - 1.0;
      unthrottleWritesId = callLater(throttleTime, this::unthrottleWrites);
    }
  }

  // Each loop copies the set: pausing a transport may lose its connection, which unregisters.
  private void throttleReads() {
    LOG.info("Throttling reads on {}", this);
    for (ProtocolWrapper p : new ArrayList<>(protocols())) {
      each(p, ThrottlingProtocol::throttleReads);
    }
  }

  private void unthrottleReads() {
    unthrottleReadsId = null;
    LOG.info("Stopped throttling reads on {}", this);
    for (ProtocolWrapper p : new ArrayList<>(protocols())) {
      each(p, ThrottlingProtocol::unthrottleReads);
    }
  }

  private void throttleWrites() {
    LOG.info("Throttling writes on {}", this);
    for (ProtocolWrapper p : new ArrayList<>(protocols())) {
      each(p, ThrottlingProtocol::throttleWrites);
    }
  }

  private void unthrottleWrites() {
    unthrottleWritesId = null;
    LOG.info("Stopped throttling writes on {}", this);
    for (ProtocolWrapper p : new ArrayList<>(protocols())) {
      each(p, ThrottlingProtocol::unthrottleWrites);
    }
  }

  /**
   * Builds and wraps the wrapped factory's protocol, unless {@code maxConnectionCount}
   * connections are open; the first connection starts the once-a-second checks.
   *
   * @param addr the peer's address
   * @return the wrapper, or null when at the limit or refused by the wrapped factory
   * @twisted twisted.protocols.policies.ThrottlingFactory.buildProtocol
   */
  /**
   * Applies {@code action} to one connection, logging what it throws: a transport or producer
   * that fails to pause or resume must not stop the others, nor escape into the timer.
   */
  private void each(ProtocolWrapper p, Consumer<ThrottlingProtocol> action) {
    try {
      action.accept((ThrottlingProtocol) p);
    } catch (RuntimeException e) {
      LOG.error("{}: throttling {} failed", this, p, e);
    }
  }

  @Override
  public @Nullable ThrottlingProtocol buildProtocol(IAddress addr) {
    if (connectionCount == 0) {
      if (readLimit != null && checkReadBandwidthId == null) {
        checkReadBandwidth();
      }
      if (writeLimit != null && checkWriteBandwidthId == null) {
        checkWriteBandwidth();
      }
    }
    if (connectionCount >= maxConnectionCount) {
      LOG.info("Max connection count reached!");
      return null;
    }
    ThrottlingProtocol p = (ThrottlingProtocol) super.buildProtocol(addr);
    if (p != null) {
      connectionCount++;
    }
    return p;
  }

  @Override
  protected ProtocolWrapper wrapProtocol(IProtocol wrappedProtocol) {
    return new ThrottlingProtocol(this, wrappedProtocol);
  }

  /**
   * Uncounts {@code p}; when it was the last connection, stops the checks and pending resumes.
   *
   * @param p the wrapper whose connection was lost
   * @twisted twisted.protocols.policies.ThrottlingFactory.unregisterProtocol
   */
  @Override
  public void unregisterProtocol(ProtocolWrapper p) {
    super.unregisterProtocol(p);
    connectionCount--;
    if (connectionCount == 0) {
      unthrottleReadsId = cancel(unthrottleReadsId);
      checkReadBandwidthId = cancel(checkReadBandwidthId);
      unthrottleWritesId = cancel(unthrottleWritesId);
      checkWriteBandwidthId = cancel(checkWriteBandwidthId);
    }
  }

  private static @Nullable IDelayedCall cancel(@Nullable IDelayedCall call) {
    if (call != null && call.active()) {
      call.cancel();
    }
    return null;
  }
}
