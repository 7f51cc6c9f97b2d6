package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITransport;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The bodies of Twisted's {@code TCPTransportServerAddressTestMixin} and
 * {@code WriteSequenceTestsMixin}, run on server transports from {@code listenTCP}
 * ({@link TCPTransportTestsBuilderIT}) and from {@code adoptStreamConnection}
 * ({@link AdoptStreamConnectionTestsBuilderIT}).
 *
 * <p>The tests live here once; TestNG runs them under each concrete class's name, which is the
 * name the Failsafe reports (and so the conformance manifest) use. Each test's Javadoc names
 * the Twisted id it checks for every concrete class, one line each.
 */
public abstract class TransportTestsBase extends TcpBuilder {
  /** A connected pair, and the port number the server side accepted on. */
  protected record Connected(AccumulatingProtocol client, AccumulatingProtocol server,
      int port, MyServerFactory serverFactory) {}

  /**
   * Twisted's {@code getConnectedClientAndServer}: a client and a server connected over
   * {@code iface}; the reactor stops once both have lost their connection.
   *
   * @param reactor the reactor
   * @param iface the loopback address
   * @return fires with the pair once both are connected
   */
  protected abstract Deferred<Connected> connectedClientAndServer(Reactor reactor, String iface);

  /**
   * The usual factories wired as Twisted's {@code getConnectedClientAndServer} wires them.
   *
   * @param reactor the reactor
   * @param server the factory whose protocol is the server end
   * @param client the client factory
   * @param port the port number
   * @return fires with the pair
   */
  protected final Deferred<Connected> wire(Reactor reactor, MyServerFactory server,
      MyClientFactory client, int port) {
    server.protocolConnectionMade = new Deferred<>();
    server.protocolConnectionLost = new Deferred<>();
    client.protocolConnectionMade = new Deferred<>();
    client.protocolConnectionLost = new Deferred<>();
    Defer.gatherResults(List.of(client.protocolConnectionLost, server.protocolConnectionLost))
        .addBoth(stopping(reactor));
    Deferred<Connected> d = new Deferred<>();
    Defer.gatherResults(List.of(client.protocolConnectionMade, server.protocolConnectionMade))
        .addCallback(protocols -> {
          d.callback(new Connected(protocols.get(0), protocols.get(1), port, server));
          return null;
        });
    return d;
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_serverAddressTCP4
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_serverAddressTCP4
   */
  @Test
  public void serverAddressTCP4() {
    serverAddress(V4, IPv4Address.class);
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_serverAddressTCP6
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_serverAddressTCP6
   */
  @Test
  public void serverAddressTCP6() {
    serverAddress(V6, IPv6Address.class);
  }

  private void serverAddress(String iface, Class<? extends IAddress> addressClass) {
    Reactor reactor = buildReactor();
    connectedClientAndServer(reactor, iface).addCallback(c -> {
      try {
        ITransport t = c.server().transport();
        String repr = t.toString();
        assertTrue(repr.matches("<AccumulatingProtocol #\\d+ on " + c.port() + ">"), repr);
        int hash = repr.indexOf('#');
        String session = repr.substring(hash + 1, repr.indexOf(' ', hash));
        assertTrue(t instanceof ILoggingContext, t.getClass() + " is not an ILoggingContext");
        assertEquals(((ILoggingContext) t).logPrefix(),
            "AccumulatingProtocol," + session + "," + iface);
        List<IAddress> peers = c.serverFactory().peerAddresses;
        assertEquals(peers.size(), 1);
        assertTrue(addressClass.isInstance(peers.get(0)), String.valueOf(peers.get(0)));
        assertEquals(Addresses.hostOf(peers.get(0)), iface);
      } finally {
        c.server().transport().loseConnection();
      }
      return null;
    }).addErrback(err());
    run(reactor);
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_writeSequeceWithoutWrite
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_writeSequeceWithoutWrite
   */
  @Test
  public void writeSequeceWithoutWrite() {
    Reactor reactor = buildReactor();
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    connectedClientAndServer(reactor, V4).addCallback(c -> {
      // Twisted replaces the server's dataReceived; here the server accumulates, and the
      // client closes once the whole sequence has arrived.
      c.client().transport().writeSequence(
          List.of("Some ".getBytes(), "sequence ".getBytes(), "splitted".getBytes()));
      waitFor(reactor, () -> c.server().data().length >= 22, () -> {
        received.add(new String(c.server().data(), StandardCharsets.UTF_8));
        c.client().transport().loseConnection();
      });
      return null;
    }).addErrback(err());
    run(reactor);
    assertEquals(received, List.of("Some sequence splitted"));
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_writeSequenceWithUnicodeRaisesException
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_writeSequenceWithUnicodeRaisesException
   */
  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void writeSequenceWithUnicodeRaisesException() {
    Reactor reactor = buildReactor();
    List<String> messages = new ArrayList<>();
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    connectedClientAndServer(reactor, V4).addCallback(c -> {
      // A raw type smuggles a String into the Iterable<byte[]>, as Python passes a str.
      Iterable polluted = List.of("before ".getBytes(StandardCharsets.UTF_8),
          "Unicode is not kosher");
      try {
        c.server().transport().writeSequence(polluted);
        messages.add("no exception");
      } catch (IllegalArgumentException e) {
        messages.add(e.getMessage());
      }
      // Nothing of the bad sequence was queued: the connection carries on cleanly.
      c.server().transport().write("after".getBytes(StandardCharsets.UTF_8));
      waitFor(reactor, () -> c.client().data().length >= 5, () -> {
        received.add(new String(c.client().data(), StandardCharsets.UTF_8));
        c.server().transport().loseConnection();
      });
      return null;
    }).addErrback(err());
    run(reactor);
    assertEquals(messages, List.of("Data must be bytes, not java.lang.String"));
    assertEquals(received, List.of("after"));
  }

  /** Checks {@code condition} each reactor turn (bounded), then runs {@code then}. */
  private void waitFor(Reactor reactor, java.util.function.BooleanSupplier condition,
      Runnable then) {
    int[] turns = {0};
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        then.run();
      } else if (++turns[0] < 10_000) {
        reactor.callLater(0.001, check[0]);
      } else {
        record(new AssertionError("condition not met in 10,000 turns"));
        stopQuietly(reactor);
      }
    };
    check[0].run();
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_streamingProducer
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_streamingProducer
   */
  @Test
  public void streamingProducerTest() {
    Reactor reactor = buildReactor();
    List<String> actions = new ArrayList<>();
    List<Connected> pair = new ArrayList<>();
    IPushProducer producer = new IPushProducer() {
      @Override
      public void pauseProducing() {
        actions.add("pause");
      }

      @Override
      public void resumeProducing() {
        actions.add("resume");
        pair.get(0).client().transport().unregisterProducer();
        pair.get(0).server().transport().loseConnection();
      }

      @Override
      public void stopProducing() {
        actions.add("stop");
      }
    };
    connectedClientAndServer(reactor, V4).addCallback(c -> {
      pair.add(c);
      c.client().transport().registerProducer(producer, true);
      assertEquals(actions, List.of());
      // Twisted lowers the buffer size to 500 and writes 1,000 bytes. Torsion's high-water
      // mark is fixed, so this writes far more than the socket buffers and the mark can hold.
      List<byte[]> pieces = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        pieces.add(new byte[64 * 1024]);
      }
      c.client().transport().writeSequence(pieces);
      assertEquals(actions, List.of("pause"));
      return null;
    }).addErrback(err());
    run(reactor);
    assertEquals(actions, List.of("pause", "resume"));
  }

  /**
   * twisted.internet.test.test_tcp.TCPTransportTestsBuilder_EPollReactorTests.test_nonStreamingProducer
   * twisted.internet.test.test_tcp.AdoptStreamConnectionTestsBuilder_EPollReactorTests.test_nonStreamingProducer
   */
  @Test
  public void nonStreamingProducerTest() {
    Reactor reactor = buildReactor();
    List<String> actions = new ArrayList<>();
    List<Connected> pair = new ArrayList<>();
    IPullProducer producer = new IPullProducer() {
      @Override
      public void resumeProducing() {
        actions.add("resume");
        ITransport t = pair.get(0).client().transport();
        if (Collections.frequency(actions, "resume") == 2) {
          // Twisted's stopConsuming.
          t.unregisterProducer();
          t.loseConnection();
        } else {
          List<byte[]> pieces = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            pieces.add(new byte[50]);
          }
          t.writeSequence(pieces);
        }
      }

      @Override
      public void stopProducing() {
        actions.add("stop");
      }
    };
    connectedClientAndServer(reactor, V4).addCallback(c -> {
      pair.add(c);
      c.client().transport().registerProducer(producer, false);
      assertEquals(actions, List.of("resume"));
      return null;
    }).addErrback(err());
    run(reactor);
    assertEquals(actions, List.of("resume", "resume"));
  }

}
