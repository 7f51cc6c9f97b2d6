package dev.torsion.protocols.loopback;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IReactorUNIX;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactors;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects a server protocol to a client protocol without a network ({@link #loopbackAsync}),
 * or over real sockets on the loopback interface ({@link #loopbackTCP}, {@link #loopbackUNIX}),
 * and reports when the session is over: the way to test a protocol against its peer.
 *
 * <p>{@code loopbackAsync} gives each protocol an in-memory transport and calls
 * {@code makeConnection} on the server, then on the client. What one side writes is queued, in
 * order, and a {@link PumpPolicy} hands it to the other side's {@code dataReceived}. When a side
 * calls {@code loseConnection} (or {@code abortConnection}, which is the same here), the bytes it
 * wrote before are delivered, then the server and then the client hear
 * {@code connectionLost(ConnectionDone)}, exactly once each, and the returned Deferred fires.
 * As in Twisted, bytes written after a close request but before the final pump are delivered
 * too; once the session is over, writes are dropped.
 *
 * <p>Producers: each transport is an {@code IConsumer}. A non-streaming (pull) producer is asked
 * for data when registered and each time the other side has received everything queued; a
 * streaming (push) producer is paused when more than 64 KiB wait and resumed when they have been
 * delivered. Each transport is also an {@code IPushProducer}: {@code pauseProducing} stops the
 * pump from delivering to that side (a policy call in progress finishes first), and the other
 * side's close waits for it; {@code resumeProducing} lets it go on; {@code stopProducing} is
 * {@code loseConnection}. A producer still registered when the connection ends is stopped.
 *
 * <p><b>Threading.</b> Everything runs on the thread of the clock given (the reactor thread, or
 * the test's thread with a {@code task.Clock}); nothing here is thread-safe.
 *
 * <p><b>Re-entrancy.</b> A protocol is never called from inside one of its transport's methods:
 * the pump delivers in a loop while bytes flow, and once idle it waits for a write and resumes
 * from a {@code callLater(0)} on the clock. A test driving a {@code Clock} therefore calls
 * {@code advance(0)} until the Deferred fires.
 *
 * <p><b>Errors.</b> An exception from a protocol or the policy while pumping ends the session:
 * the Deferred fails with it and neither protocol hears {@code connectionLost} (as in Twisted);
 * an exception from {@code connectionLost} fails the Deferred after both sides were told.
 * Exceptions from {@code makeConnection} propagate to the caller.
 *
 * <p><b>Differences from Twisted.</b> Twisted's loopback transport is not a producer, never
 * pauses a push producer, never stops a producer, and still queues writes after the session
 * ended; Torsion's does all four as a TCP transport would. Twisted raises an exception from the
 * first, synchronous pump out of {@code loopbackAsync}; Torsion fails the Deferred instead. The
 * transports are {@code ITransport}s, not {@code ITCPTransport}s: there is no half-close, as in
 * Twisted. The synchronous {@code loopback()} of old Twisted is gone from 22.4 and not here;
 * {@link LoopbackRelay}, its building block, is.
 *
 * @twisted twisted.protocols.loopback
 */
public final class Loopback {
  private Loopback() {}

  /**
   * Runs a session between {@code server} and {@code client} in memory, delivering each write
   * as it was made ({@link #identityPumpPolicy}) and scheduling on the global reactor.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @return fires with null when both sides have heard {@code connectionLost}
   * @twisted twisted.protocols.loopback.loopbackAsync
   */
  public static Deferred<@Nullable Void> loopbackAsync(IProtocol server, IProtocol client) {
    return loopbackAsync(server, client, Loopback::identityPumpPolicy);
  }

  /**
   * Runs a session in memory with the given policy, scheduling on the global reactor.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @param pumpPolicy how queued writes reach the other side
   * @return fires with null when both sides have heard {@code connectionLost}
   * @twisted twisted.protocols.loopback.loopbackAsync
   */
  public static Deferred<@Nullable Void> loopbackAsync(IProtocol server, IProtocol client,
      PumpPolicy pumpPolicy) {
    return loopbackAsync(server, client, pumpPolicy, Reactors.current());
  }

  /**
   * Runs a session in memory with the given policy, scheduling on {@code clock}; the class
   * comment gives the contract.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @param pumpPolicy how queued writes reach the other side
   * @param clock where the pump schedules itself once idle: a reactor, or a {@code Clock}
   * @return fires with null when both sides have heard {@code connectionLost}, or fails with
   *     what a protocol or the policy threw
   * @twisted twisted.protocols.loopback.loopbackAsync
   */
  public static Deferred<@Nullable Void> loopbackAsync(IProtocol server, IProtocol client,
      PumpPolicy pumpPolicy, IReactorTime clock) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(pumpPolicy, "pumpPolicy");
    Objects.requireNonNull(clock, "clock");
    return new LoopbackPump(server, client, pumpPolicy, clock).start();
  }

  /**
   * A {@link PumpPolicy} that calls {@code target.dataReceived} once per chunk, as written,
   * stopping at a disconnect marker (which it consumes).
   *
   * @param queue the chunks to deliver
   * @param target who receives them
   * @twisted twisted.protocols.loopback.identityPumpPolicy
   */
  public static void identityPumpPolicy(LoopbackQueue queue, IProtocol target) {
    while (!queue.isEmpty()) {
      byte[] chunk = queue.get();
      if (chunk == null) {
        break;
      }
      target.dataReceived(chunk);
    }
  }

  /**
   * A {@link PumpPolicy} that joins every chunk up to a disconnect marker (which it consumes)
   * and calls {@code target.dataReceived} once with the result, or not at all when that is
   * empty of chunks.
   *
   * @param queue the chunks to deliver
   * @param target who receives them
   * @twisted twisted.protocols.loopback.collapsingPumpPolicy
   */
  public static void collapsingPumpPolicy(LoopbackQueue queue, IProtocol target) {
    ByteArrayOutputStream joined = null;
    while (!queue.isEmpty()) {
      byte[] chunk = queue.get();
      if (chunk == null) {
        break;
      }
      if (joined == null) {
        joined = new ByteArrayOutputStream();
      }
      joined.writeBytes(chunk);
    }
    if (joined != null) {
      target.dataReceived(joined.toByteArray());
    }
  }

  /**
   * Runs a session over TCP on 127.0.0.1 through the global reactor; see
   * {@link #loopbackTCP(Protocol, Protocol, IReactorTCP, int)}.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @return fires when both sides have closed and the port stopped listening
   * @twisted twisted.protocols.loopback.loopbackTCP
   */
  public static Deferred<@Nullable Void> loopbackTCP(Protocol server, Protocol client) {
    return loopbackTCP(server, client, Reactors.current(), 0);
  }

  /**
   * Runs a session over TCP: listens on 127.0.0.1 at {@code port} (0 for any free one),
   * connects {@code client} to it, and serves the one accepted connection with {@code server}.
   * Both protocols get the reactor's real transports. Must be called on the reactor thread
   * (or before the reactor runs), and the reactor must run for the session to happen.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @param reactor the reactor whose sockets to use
   * @param port the port to listen on, or 0
   * @return fires with null once the client and then the server have heard
   *     {@code connectionLost} and the port has stopped listening; fails if the client cannot
   *     connect (Twisted's never fires then)
   * @throws dev.torsion.internet.error.CannotListenError if the port cannot be bound
   * @twisted twisted.protocols.loopback.loopbackTCP
   */
  public static Deferred<@Nullable Void> loopbackTCP(Protocol server, Protocol client,
      IReactorTCP reactor, int port) {
    return SocketLoopback.tcp(server, client, reactor, port);
  }

  /**
   * Runs a session over a UNIX socket through the global reactor; see
   * {@link #loopbackUNIX(Protocol, Protocol, IReactorUNIX)}.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @return fires when both sides have closed and the socket stopped listening
   * @twisted twisted.protocols.loopback.loopbackUNIX
   */
  public static Deferred<@Nullable Void> loopbackUNIX(Protocol server, Protocol client) {
    return loopbackUNIX(server, client, Reactors.current());
  }

  /**
   * Runs a session over a UNIX socket: listens at a fresh path in a new temporary directory,
   * connects {@code client} to it and serves the one accepted connection with {@code server}.
   * The directory is removed when the session ends. Threading as for {@code loopbackTCP}.
   *
   * @param server the server side's protocol
   * @param client the client side's protocol
   * @param reactor the reactor whose sockets to use
   * @return fires with null once the client and then the server have heard
   *     {@code connectionLost} and the socket has stopped listening; fails if the client
   *     cannot connect
   * @throws java.io.UncheckedIOException if the temporary directory cannot be made
   * @throws dev.torsion.internet.error.CannotListenError if the socket cannot be bound
   * @twisted twisted.protocols.loopback.loopbackUNIX
   */
  public static Deferred<@Nullable Void> loopbackUNIX(Protocol server, Protocol client,
      IReactorUNIX reactor) {
    return SocketLoopback.unix(server, client, reactor);
  }
}
