package dev.torsion.internet.endpoints;

import dev.torsion.internet.address.HostnameAddress;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectingCancelledError;
import dev.torsion.internet.error.DNSLookupError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IDelayedCall;
import dev.torsion.internet.interfaces.IHostResolution;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IResolutionReceiver;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@link HostnameEndpoint#connect} call: resolve the name, then start an attempt on each
 * address in the resolver's order, one every {@code attemptDelay} seconds or at once when the
 * latest attempt fails, until one connects (the others and the schedule are cancelled), all
 * fail (the last failure is reported, as Twisted's {@code failures.pop()}), or the caller
 * cancels. Reactor thread only; every transition goes through {@link #finish}.
 */
final class HostnameConnection implements IResolutionReceiver {
  private enum State { RESOLVING, CONNECTING, DONE }

  private final HostnameEndpoint endpoint;
  private final IProtocolFactory factory;
  final Deferred<IProtocol> result = new Deferred<>(d -> cancel());
  private final List<IAddress> resolved = new ArrayList<>();
  private final List<IStreamClientEndpoint> targets = new ArrayList<>();
  private final List<Deferred<IProtocol>> pending = new ArrayList<>();
  private State state = State.RESOLVING;
  private @Nullable IHostResolution resolution;
  private @Nullable IDelayedCall nextAttempt;
  private int started;

  HostnameConnection(HostnameEndpoint endpoint, IProtocolFactory factory) {
    this.endpoint = endpoint;
    this.factory = factory;
  }

  void start() {
    try {
      IHostResolution r = endpoint.resolver().resolveHostName(this, endpoint.hostText(),
          endpoint.port());
      if (state == State.RESOLVING) {
        resolution = r;
      }
    } catch (RuntimeException e) {
      finish(null, new Failure(new DNSLookupError(
          "Couldn't find the hostname '" + endpoint.hostText() + "'", e)));
    }
  }

  @Override
  public void resolutionBegan(IHostResolution resolutionInProgress) {
    resolution = resolutionInProgress;
  }

  @Override
  public void addressResolved(IAddress address) {
    if (state == State.RESOLVING) {
      resolved.add(address);
    }
  }

  @Override
  public void resolutionComplete() {
    if (state != State.RESOLVING) {
      return;
    }
    resolution = null;
    for (IAddress a : resolved) {
      // Other address types are skipped, as Twisted's resolvedAddressesToEndpoints does.
      if (a instanceof IPv6Address v6) {
        targets.add(new TCP6ClientEndpoint(endpoint.tcp(), v6.host(), v6.port(),
            endpoint.timeout(), endpoint.bindAddress()));
      } else if (a instanceof IPv4Address v4) {
        targets.add(new TCP4ClientEndpoint(endpoint.tcp(), v4.host(), v4.port(),
            endpoint.timeout(), endpoint.bindAddress()));
      }
    }
    if (targets.isEmpty()) {
      finish(null, new Failure(new DNSLookupError(
          "no results for hostname lookup: " + endpoint.hostText())));
      return;
    }
    state = State.CONNECTING;
    startNext();
  }

  /** Starts the next attempt now, and schedules the one after it. */
  private void startNext() {
    if (state != State.CONNECTING) {
      return;
    }
    cancelSchedule();
    if (started == targets.size()) {
      return; // Everything started; the last attempt to fail ends the connection.
    }
    Deferred<IProtocol> attempt = targets.get(started++).connect(factory);
    pending.add(attempt);
    attempt.addCallbacks(protocol -> {
      pending.remove(attempt);
      finish(protocol, null);
      return null;
    }, failure -> {
      pending.remove(attempt);
      attemptFailed(failure);
      return null;
    });
    // An attempt that failed at once has already started the next one and its schedule.
    if (state == State.CONNECTING && nextAttempt == null && started < targets.size()) {
      nextAttempt = endpoint.time().callLater(endpoint.attemptDelay(), () -> {
        nextAttempt = null;
        startNext();
      });
    }
  }

  private void attemptFailed(Failure failure) {
    if (state != State.CONNECTING) {
      return; // A loser cancelled after the winner, or after the caller cancelled.
    }
    if (started < targets.size()) {
      startNext(); // A fast failure need not wait for the schedule (Twisted #9345).
    } else if (pending.isEmpty()) {
      finish(null, failure);
    }
  }

  private void cancel() {
    if (state == State.DONE) {
      return;
    }
    finish(null, new Failure(new ConnectingCancelledError(
        new HostnameAddress(endpoint.hostAscii(), endpoint.port()))));
  }

  /** Ends the connection: stops the resolution, the schedule and every other attempt. */
  private void finish(@Nullable IProtocol protocol, @Nullable Failure failure) {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    IHostResolution r = resolution;
    resolution = null;
    if (r != null) {
      r.cancel();
    }
    cancelSchedule();
    List<Deferred<IProtocol>> losers = new ArrayList<>(pending);
    pending.clear();
    for (Deferred<IProtocol> d : losers) {
      d.cancel();
    }
    if (failure != null) {
      result.errback(failure);
    } else {
      result.callback(protocol);
    }
  }

  private void cancelSchedule() {
    IDelayedCall c = nextAttempt;
    nextAttempt = null;
    if (c != null && c.active()) {
      c.cancel();
    }
  }
}
