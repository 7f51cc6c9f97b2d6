package dev.torsion.it.tcp;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.HalfCloseableProtocol;
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
  private void withPair(Supplier<? extends AccumulatingProtocol> make,
      Function<List<AccumulatingProtocol>, Deferred<?>> body) {
    Pair pair = new Pair();
    pair.server.make = make;
    pair.client.make = make;
    await(() -> pair.connect()
        .addCallbackDeferred(ps -> body.apply(ps).addCallback(x -> ps))
        .addCallbackDeferred(ps -> {
          Deferred<Void> a = new Deferred<>();
          Deferred<Void> b = new Deferred<>();
          for (int i = 0; i < 2; i++) {
            AccumulatingProtocol p = ps.get(i);
            Deferred<Void> d = i == 0 ? a : b;
            if (p.closed()) {
              d.callback(null);
            } else {
              p.setClosedDeferred(d);
              p.transport().loseConnection();
            }
          }
          return Defer.gatherResults(List.of(a, b));
        }).addCallbackDeferred(x -> pair.port.stopListening()));
  }

  /** Fires once both ends have lost their connection; runs {@code check} once the server has. */
  private static Deferred<?> whenBothClosed(AccumulatingProtocol server,
      AccumulatingProtocol client, Runnable check) {
    Deferred<Void> serverClosed = new Deferred<>();
    server.setClosedDeferred(serverClosed);
    Deferred<Void> clientClosed = new Deferred<>();
    client.setClosedDeferred(clientClosed);
    return Defer.gatherResults(List.of(serverClosed.addCallback(x -> {
      check.run();
      return null;
    }), clientClosed));
  }

  /** twisted.test.test_tcp.HalfCloseTests.testCloseWriteCloser */
  @Test
  public void afterLoseWriteConnectionWritesAreDroppedAndThePeerHearsTheFin() {
    withPair(HalfCloseableProtocol::new, ps -> {
      HalfCloseableProtocol server = (HalfCloseableProtocol) ps.get(0);
      HalfCloseableProtocol client = (HalfCloseableProtocol) ps.get(1);
      StreamTransport t = (StreamTransport) client.transport();
      t.write(ascii("hello"));
      return loopUntil(() -> t.bufferedBytes() == 0).addCallbackDeferred(x -> {
        t.loseWriteConnection();
        return loopUntil(() -> t.state().equals("WRITE_CLOSED"));
      }).addCallbackDeferred(x -> {
        assertFalse(client.closed());
        assertTrue(client.writeHalfClosed());
        assertFalse(client.readHalfClosed());
        return loopUntil(() -> server.readHalfClosed());
      }).addCallback(x -> {
        t.write(ascii(" world"));
        t.write(ascii("lalala fooled you"));
        assertEquals(t.bufferedBytes(), 0);
        assertEquals(new String(server.data(), StandardCharsets.US_ASCII), "hello");
        assertFalse(server.closed());
        assertTrue(server.readHalfClosed());
        return null;
      });
    });
  }

  /** twisted.test.test_tcp.HalfCloseTests.testWriteCloseNotification */
  @Test
  public void theServersHalfCloseIsHeardByBothSides() {
    withPair(HalfCloseableProtocol::new, ps -> {
      HalfCloseableProtocol server = (HalfCloseableProtocol) ps.get(0);
      HalfCloseableProtocol client = (HalfCloseableProtocol) ps.get(1);
      ((ITCPTransport) server.transport()).loseWriteConnection();
      return Defer.gatherResults(List.of(loopUntil(() -> server.writeHalfClosed()),
          loopUntil(() -> client.readHalfClosed()))).addCallback(x -> {
            assertFalse(server.readHalfClosed());
            return null;
          });
    });
  }

  /** twisted.test.test_tcp.HalfCloseNoNotificationAndShutdownExceptionTests.testNoNotification */
  @Test
  public void halfClosingClosesAPeerThatCannotHalfClose() {
    withPair(AccumulatingProtocol::new, ps -> {
      AccumulatingProtocol server = ps.get(0);
      AccumulatingProtocol client = ps.get(1);
      client.transport().write(ascii("hello"));
      ((ITCPTransport) client.transport()).loseWriteConnection();
      return whenBothClosed(server, client, () -> {
        assertEquals(new String(server.data(), StandardCharsets.US_ASCII), "hello");
        assertTrue(server.closed());
      });
    });
  }

  /**
   * twisted.test.test_tcp.HalfCloseNoNotificationAndShutdownExceptionTests.testShutdownException
   */
  @Test
  public void halfClosingAConnectionThePeerClosedIsQuiet() {
    withPair(AccumulatingProtocol::new, ps -> {
      AccumulatingProtocol server = ps.get(0);
      AccumulatingProtocol client = ps.get(1);
      server.transport().loseConnection();
      client.transport().write(ascii("X"));
      ((ITCPTransport) client.transport()).loseWriteConnection();
      return whenBothClosed(server, client, () -> assertTrue(server.closed()));
    });
  }
}
