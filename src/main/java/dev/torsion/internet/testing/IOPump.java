package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.task.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Carries bytes and closes between the two {@link FakeTransport}s of an in-memory connection,
 * when the test says so. Build one with {@link IOSim#connect} or
 * {@link IOSim#connectedServerAndClient}.
 *
 * <pre>{@code
 * IOSim.Connected<Client, Server> c = IOSim.connectedServerAndClient(Server::new, Client::new);
 * c.client().sendRequest("GET x");
 * c.pump().flush();                       // request to the server, reply back to the client
 * assertEquals(c.client().replies(), List.of("x"));
 * c.pump().setChunkSize(1);               // from now on, one byte per dataReceived
 * }</pre>
 *
 * <p>One {@link #pump()} does one round: it advances the clock by 0 if there is one (running
 * the timed calls due now), delivers everything the server end has queued to the client's
 * protocol and everything the client end has queued to the server's protocol; if no byte
 * moved, it takes one step of a close (a FIN, a close, an abort, or the {@code connectionLost}
 * that follows). Bytes a protocol writes while receiving wait for the next round.
 * {@link #flush()} pumps until a round does nothing.
 *
 * <p><b>Errors.</b> An exception thrown by a protocol's callback propagates out of
 * {@code pump} and {@code flush}, so the test sees it (a reactor would log it and close the
 * connection).
 *
 * <p><b>Threading.</b> Not thread-safe: use it from the test's thread.
 *
 * <p><b>Differences from Twisted.</b> There is no {@code debug} printing. Delivery can be cut
 * into pieces of at most {@link #setChunkSize} bytes, for testing protocols with input split
 * at every byte.
 *
 * @twisted twisted.test.iosim.IOPump
 */
public final class IOPump {
  /** Rounds {@link #flush()} runs before it decides the two ends will never settle. */
  private static final int MAX_ROUNDS = 1000;

  private final IProtocol client;
  private final IProtocol server;
  private final FakeTransport clientIO;
  private final FakeTransport serverIO;
  private final @Nullable Clock clock;
  private int chunkSize;

  /**
   * A pump between two transports, which it joins to each other.
   *
   * @param client the connecting end's protocol
   * @param server the accepting end's protocol
   * @param clientIO the client protocol's transport
   * @param serverIO the server protocol's transport
   * @param clock advanced by 0 at the start of each round, or null
   */
  public IOPump(IProtocol client, IProtocol server, FakeTransport clientIO,
      FakeTransport serverIO, @Nullable Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.server = Objects.requireNonNull(server, "server");
    this.clientIO = Objects.requireNonNull(clientIO, "clientIO");
    this.serverIO = Objects.requireNonNull(serverIO, "serverIO");
    this.clock = clock;
    clientIO.setPeer(serverIO);
    serverIO.setPeer(clientIO);
  }

  /**
   * Cuts every delivery into pieces of at most {@code bytes} bytes; 0 delivers each write
   * whole, as at first.
   *
   * @param bytes the largest piece, or 0
   */
  public void setChunkSize(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("chunk size must be >= 0, not " + bytes);
    }
    chunkSize = bytes;
  }

  /**
   * One round: the clock, then bytes both ways, or else one step of a close.
   *
   * @return whether anything happened
   * @twisted twisted.test.iosim.IOPump.pump
   */
  public boolean pump() {
    Clock c = clock;
    if (c != null) {
      c.advance(0);
    }
    boolean toClient = serverIO.sendTo(clientIO, chunkSize);
    boolean toServer = clientIO.sendTo(serverIO, chunkSize);
    if (toClient || toServer) {
      return true;
    }
    return serverIO.step() || clientIO.step();
  }

  /**
   * Pumps until a round does nothing.
   *
   * @return whether anything happened
   * @throws AssertionError if the ends are still talking after 1000 rounds
   * @twisted twisted.test.iosim.IOPump.flush
   */
  public boolean flush() {
    boolean result = false;
    for (int i = 0; i < MAX_ROUNDS; i++) {
      if (!pump()) {
        return result;
      }
      result = true;
    }
    throw new AssertionError("Too long: still pumping after " + MAX_ROUNDS + " rounds");
  }

  /**
   * The connecting end's protocol.
   *
   * @return the client protocol
   */
  public IProtocol client() {
    return client;
  }

  /**
   * The accepting end's protocol.
   *
   * @return the server protocol
   */
  public IProtocol server() {
    return server;
  }

  /**
   * The client protocol's transport.
   *
   * @return the transport
   * @twisted twisted.test.iosim.IOPump.clientIO
   */
  public FakeTransport clientIO() {
    return clientIO;
  }

  /**
   * The server protocol's transport.
   *
   * @return the transport
   * @twisted twisted.test.iosim.IOPump.serverIO
   */
  public FakeTransport serverIO() {
    return serverIO;
  }
}
