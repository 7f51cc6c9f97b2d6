package dev.torsion.it.tcp;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITCPTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.testng.annotations.Test;

/** Half-closing real connections, with protocols that do and do not hear of it. */
public class HalfCloseIT extends TcpCase {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Connects a client and server built by {@code make}, then runs {@code body}. */
  private void withPair(Supplier<? extends Accumulating> make,
      Function<List<Accumulating>, Deferred<?>> body) {
    MyServerFactory server = new MyServerFactory();
    server.make = make;
    MyClientFactory client = new MyClientFactory();
    client.make = make;
    await(() -> {
      Deferred<Accumulating> serverMade = new Deferred<>();
      server.protocolConnectionMade = serverMade;
      Deferred<Accumulating> clientMade = new Deferred<>();
      client.protocolConnectionMade = clientMade;
      IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port), client);
      return Defer.gatherResults(List.of(serverMade, clientMade))
          .addCallbackDeferred(ps -> body.apply(ps).addCallback(x -> ps))
          .addCallbackDeferred(ps -> {
            Deferred<Void> a = new Deferred<>();
            Deferred<Void> b = new Deferred<>();
            for (int i = 0; i < 2; i++) {
              Accumulating p = ps.get(i);
              Deferred<Void> d = i == 0 ? a : b;
              if (p.closed) {
                d.callback(null);
              } else {
                p.closedDeferred = d;
                p.transport().loseConnection();
              }
            }
            return Defer.gatherResults(List.of(a, b));
          }).addCallbackDeferred(x -> port.stopListening());
    });
  }

  /** twisted.test.test_tcp.HalfCloseTests.testCloseWriteCloser */
  @Test
  public void afterLoseWriteConnectionWritesAreDroppedAndThePeerHearsTheFin() {
    withPair(HalfCloseable::new, ps -> {
      HalfCloseable server = (HalfCloseable) ps.get(0);
      HalfCloseable client = (HalfCloseable) ps.get(1);
      StreamTransport t = (StreamTransport) client.transport();
      t.write(ascii("hello"));
      return loopUntil(() -> t.bufferedBytes() == 0).addCallbackDeferred(x -> {
        t.loseWriteConnection();
        return loopUntil(() -> t.state().equals("WRITE_CLOSED"));
      }).addCallbackDeferred(x -> {
        assertFalse(client.closed);
        assertTrue(client.writeHalfClosed);
        assertFalse(client.readHalfClosed);
        return loopUntil(() -> server.readHalfClosed);
      }).addCallback(x -> {
        t.write(ascii(" world"));
        t.write(ascii("lalala fooled you"));
        assertEquals(t.bufferedBytes(), 0);
        assertEquals(server.data.toString(StandardCharsets.US_ASCII), "hello");
        assertFalse(server.closed);
        assertTrue(server.readHalfClosed);
        return null;
      });
    });
  }

  /** twisted.test.test_tcp.HalfCloseTests.testWriteCloseNotification */
  @Test
  public void theServersHalfCloseIsHeardByBothSides() {
    withPair(HalfCloseable::new, ps -> {
      HalfCloseable server = (HalfCloseable) ps.get(0);
      HalfCloseable client = (HalfCloseable) ps.get(1);
      ((ITCPTransport) server.transport()).loseWriteConnection();
      return Defer.gatherResults(List.of(loopUntil(() -> server.writeHalfClosed),
          loopUntil(() -> client.readHalfClosed))).addCallback(x -> {
            assertFalse(server.readHalfClosed);
            return null;
          });
    });
  }

  /** twisted.test.test_tcp.HalfCloseNoNotificationAndShutdownExceptionTests.testNoNotification */
  @Test
  public void halfClosingClosesAPeerThatCannotHalfClose() {
    withPair(Accumulating::new, ps -> {
      Accumulating server = ps.get(0);
      Accumulating client = ps.get(1);
      client.transport().write(ascii("hello"));
      ((ITCPTransport) client.transport()).loseWriteConnection();
      Deferred<Void> d = new Deferred<>();
      server.closedDeferred = d;
      Deferred<Void> d2 = new Deferred<>();
      client.closedDeferred = d2;
      return Defer.gatherResults(List.of(d.addCallback(x -> {
        assertEquals(server.data.toString(StandardCharsets.US_ASCII), "hello");
        assertTrue(server.closed);
        return null;
      }), d2));
    });
  }

  /**
   * twisted.test.test_tcp.HalfCloseNoNotificationAndShutdownExceptionTests.testShutdownException
   */
  @Test
  public void halfClosingAConnectionThePeerClosedIsQuiet() {
    withPair(Accumulating::new, ps -> {
      Accumulating server = ps.get(0);
      Accumulating client = ps.get(1);
      server.transport().loseConnection();
      client.transport().write(ascii("X"));
      ((ITCPTransport) client.transport()).loseWriteConnection();
      Deferred<Void> d = new Deferred<>();
      server.closedDeferred = d;
      Deferred<Void> d2 = new Deferred<>();
      client.closedDeferred = d2;
      return Defer.gatherResults(List.of(d.addCallback(x -> {
        assertTrue(server.closed);
        return null;
      }), d2));
    });
  }
}
