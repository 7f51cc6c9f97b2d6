package dev.torsion.protocols.loopback;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;

/**
 * The engine of {@link Loopback#loopbackAsync}: moves bytes both ways until one side closes,
 * then tells both protocols. It pumps in a loop while bytes flow; when none flow it waits for a
 * write (or a resumed reader) and pumps again from a {@code callLater(0)}, never from inside a
 * transport method.
 */
final class LoopbackPump {
  private enum State { PUMPING, WAITING, SCHEDULED, DONE }

  private final IProtocol server;
  private final IProtocol client;
  private final PumpPolicy policy;
  private final IReactorTime clock;
  private final LoopbackQueue serverToClient = new LoopbackQueue();
  private final LoopbackQueue clientToServer = new LoopbackQueue();
  private final LoopbackTransport serverTransport;
  private final LoopbackTransport clientTransport;
  private final Deferred<@Nullable Void> done = new Deferred<>();
  private State state = State.PUMPING;

  LoopbackPump(IProtocol server, IProtocol client, PumpPolicy policy, IReactorTime clock) {
    this.server = server;
    this.client = client;
    this.policy = policy;
    this.clock = clock;
    this.serverTransport = new LoopbackTransport(serverToClient, server, this::kick);
    this.clientTransport = new LoopbackTransport(clientToServer, client, this::kick);
  }

  Deferred<@Nullable Void> start() {
    server.makeConnection(serverTransport);
    client.makeConnection(clientTransport);
    run();
    return done;
  }

  private void run() {
    state = State.PUMPING;
    try {
      while (true) {
        boolean serverSent = pump(serverTransport, serverToClient, client, clientTransport);
        boolean clientSent = pump(clientTransport, clientToServer, server, serverTransport);
        // Twisted checks the server's close first; its last bytes are flushed before both
        // sides hear connectionLost. A paused reader keeps the connection open until resumed.
        if (serverToClient.disconnect() && !clientTransport.readPaused()) {
          pump(serverTransport, serverToClient, client, clientTransport);
          finish();
          return;
        }
        if (clientToServer.disconnect() && !serverTransport.readPaused()) {
          pump(clientTransport, clientToServer, server, serverTransport);
          finish();
          return;
        }
        if (!serverSent && !clientSent) {
          state = State.WAITING;
          serverToClient.notifyOnPut(this::kick);
          clientToServer.notifyOnPut(this::kick);
          return;
        }
      }
    } catch (Throwable t) {
      state = State.DONE;
      serverTransport.lost();
      clientTransport.lost();
      done.errback(t);
    }
  }

  private boolean pump(LoopbackTransport source, LoopbackQueue queue, IProtocol target,
      LoopbackTransport targetTransport) {
    if (queue.isEmpty() || targetTransport.readPaused()) {
      return false;
    }
    policy.pump(queue, target);
    if (queue.isEmpty()) {
      // A write buffer was emptied: the writer's producer may produce more.
      source.pollProducer();
    }
    return true;
  }

  /** There may be work: pump again soon, from the clock, not from the caller's stack. */
  private void kick() {
    if (state != State.WAITING) {
      return;
    }
    state = State.SCHEDULED;
    serverToClient.notifyOnPut(null);
    clientToServer.notifyOnPut(null);
    clock.callLater(0, this::run);
  }

  private void finish() {
    state = State.DONE;
    serverTransport.lost();
    clientTransport.lost();
    Throwable first = null;
    try {
      server.connectionLost(Protocol.connectionDone());
    } catch (RuntimeException | Error e) {
      first = e;
    }
    try {
      client.connectionLost(Protocol.connectionDone());
    } catch (RuntimeException | Error e) {
      if (first == null) {
        first = e;
      }
    }
    if (first != null) {
      done.errback(first);
    } else {
      done.callback(null);
    }
  }
}
