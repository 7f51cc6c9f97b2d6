package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.task.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory network for testing two protocols against each other without sockets: each gets
 * a {@link FakeTransport}, and an {@link IOPump} carries bytes, half-closes and closes between
 * them when the test pumps it. Everything runs on the test's thread, in an order the test
 * controls, so such tests are fast and deterministic; a TLS wrapper runs over it unchanged.
 *
 * <pre>{@code
 * final class Echo extends Protocol {
 *   @Override public void dataReceived(byte[] data) { transport().write(data); }
 * }
 *
 * IOSim.Connected<AccumulatingProtocol, Echo> c =
 *     IOSim.connectedServerAndClient(Echo::new, AccumulatingProtocol::new);
 * c.client().transport().write("hello".getBytes(US_ASCII));
 * c.pump().flush();
 * assertEquals(c.client().data(), "hello".getBytes(US_ASCII));
 * c.client().transport().loseConnection();
 * c.pump().flush();
 * assertTrue(c.client().closed());        // each side hears connectionLost once
 * }</pre>
 *
 * @twisted twisted.test.iosim
 */
public final class IOSim {
  private IOSim() {}

  /**
   * The two protocols of an in-memory connection and its pump.
   *
   * @param client the connecting end's protocol
   * @param server the accepting end's protocol
   * @param pump carries data between them
   * @param <C> the client protocol's type
   * @param <S> the server protocol's type
   * @twisted twisted.test.iosim.connectedServerAndClient
   */
  public record Connected<C extends IProtocol, S extends IProtocol>(C client, S server,
      IOPump pump) {}

  /**
   * A client-end transport for {@code clientProtocol}.
   *
   * @param clientProtocol the protocol
   * @return the transport
   * @twisted twisted.test.iosim.makeFakeClient
   */
  public static FakeTransport makeFakeClient(IProtocol clientProtocol) {
    return new FakeTransport(clientProtocol, false);
  }

  /**
   * A server-end transport for {@code serverProtocol}.
   *
   * @param serverProtocol the protocol
   * @return the transport
   * @twisted twisted.test.iosim.makeFakeServer
   */
  public static FakeTransport makeFakeServer(IProtocol serverProtocol) {
    return new FakeTransport(serverProtocol, true);
  }

  /**
   * Connects two protocols through their transports (server first, then client, as Twisted's)
   * and flushes the pump once, so greetings sent from {@code connectionMade} have arrived.
   *
   * @param serverProtocol the accepting end's protocol
   * @param serverTransport its transport
   * @param clientProtocol the connecting end's protocol
   * @param clientTransport its transport
   * @return the pump
   * @twisted twisted.test.iosim.connect
   */
  public static IOPump connect(IProtocol serverProtocol, FakeTransport serverTransport,
      IProtocol clientProtocol, FakeTransport clientTransport) {
    return connect(serverProtocol, serverTransport, clientProtocol, clientTransport, true, null);
  }

  /**
   * Connects two protocols through their transports.
   *
   * @param serverProtocol the accepting end's protocol
   * @param serverTransport its transport
   * @param clientProtocol the connecting end's protocol
   * @param clientTransport its transport
   * @param greet whether to flush once before returning
   * @param clock advanced by 0 at each pump round, or null
   * @return the pump
   * @twisted twisted.test.iosim.connect
   */
  public static IOPump connect(IProtocol serverProtocol, FakeTransport serverTransport,
      IProtocol clientProtocol, FakeTransport clientTransport, boolean greet,
      @Nullable Clock clock) {
    IOPump pump = new IOPump(clientProtocol, serverProtocol, clientTransport, serverTransport,
        clock);
    serverProtocol.makeConnection(serverTransport);
    clientProtocol.makeConnection(clientTransport);
    if (greet) {
      pump.flush();
    }
    return pump;
  }

  /**
   * Makes a server and a client protocol and connects them, flushing once.
   *
   * @param serverSupplier makes the server protocol
   * @param clientSupplier makes the client protocol
   * @param <C> the client protocol's type
   * @param <S> the server protocol's type
   * @return the protocols and the pump
   * @twisted twisted.test.iosim.connectedServerAndClient
   */
  public static <C extends IProtocol, S extends IProtocol> Connected<C, S>
      connectedServerAndClient(Supplier<? extends S> serverSupplier,
          Supplier<? extends C> clientSupplier) {
    return connectedServerAndClient(serverSupplier, clientSupplier, true, null);
  }

  /**
   * Makes a server and a client protocol and connects them.
   *
   * @param serverSupplier makes the server protocol
   * @param clientSupplier makes the client protocol
   * @param greet whether to flush once before returning
   * @param clock advanced by 0 at each pump round, or null
   * @param <C> the client protocol's type
   * @param <S> the server protocol's type
   * @return the protocols and the pump
   * @twisted twisted.test.iosim.connectedServerAndClient
   */
  public static <C extends IProtocol, S extends IProtocol> Connected<C, S>
      connectedServerAndClient(Supplier<? extends S> serverSupplier,
          Supplier<? extends C> clientSupplier, boolean greet, @Nullable Clock clock) {
    C client = Objects.requireNonNull(clientSupplier.get(), "client protocol");
    S server = Objects.requireNonNull(serverSupplier.get(), "server protocol");
    IOPump pump = connect(server, makeFakeServer(server), client, makeFakeClient(client), greet,
        clock);
    return new Connected<>(client, server, pump);
  }
}
