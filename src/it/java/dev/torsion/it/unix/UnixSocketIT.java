package dev.torsion.it.unix;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.protocol.ClientCreator;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.HalfCloseableProtocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Stream connections over UNIX domain sockets in a per-test directory. */
public class UnixSocketIT extends UnixCase {
  /** Builds {@code make}'s protocols, remembering each and the address it was given. */
  static final class Recording extends ServerFactory {
    final List<IAddress> addresses = new ArrayList<>();
    final List<AccumulatingProtocol> protocols = new ArrayList<>();
    final Supplier<? extends AccumulatingProtocol> make;

    Recording(Supplier<? extends AccumulatingProtocol> make) {
      this.make = make;
    }

    @Override
    public @Nullable Protocol buildProtocol(IAddress addr) {
      addresses.add(addr);
      AccumulatingProtocol p = make.get();
      protocols.add(p);
      return p;
    }
  }

  /** The failure of a Deferred expected to fail, in a list (a bare Failure would fail it). */
  static Deferred<List<Failure>> failureOf(Deferred<?> d) {
    Deferred<List<Failure>> out = new Deferred<>();
    d.addCallbacks(r -> {
      out.errback(new Failure(new AssertionError("succeeded with " + r)));
      return null;
    }, f -> {
      out.callback(List.of(f));
      return null;
    });
    return out;
  }

  /** twisted.test.test_unix.UnixSocketTests.test_dumber */
  @Test
  public void echoesBytesAndReportsUnixAddressesOnBothEnds() {
    String path = path("s");
    Recording server = new Recording(Echo::new);
    byte[] payload = new byte[1 << 20];
    new Random(7).nextBytes(payload);
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, server);
      assertEquals(port.getHost(), new UNIXAddress(path));
      return new ClientCreator<>(reactor, AccumulatingProtocol::new).connectUNIX(path)
          .addCallbackDeferred(client -> {
            client.transport().write(payload);
            return loopUntil(() -> client.data().length == payload.length).addCallback(x -> {
              assertEquals(client.data(), payload);
              assertEquals(client.transport().getPeer(), new UNIXAddress(path));
              assertEquals(client.transport().getHost(), new UNIXAddress(null));
              AccumulatingProtocol s = server.protocols.get(0);
              assertEquals(s.transport().getHost(), new UNIXAddress(path));
              assertEquals(s.transport().getPeer(), new UNIXAddress(null));
              assertEquals(server.addresses, List.of(new UNIXAddress("")));
              client.transport().loseConnection();
              return s;
            });
          }).addCallbackDeferred(s -> loopUntil(() -> s.closedReason() != null))
          .addCallbackDeferred(x -> port.stopListening());
    });
  }

  @Test
  public void halfCloseDeliversTheFinAndTheReplyStillFlows() {
    String path = path("h");
    Recording server = new Recording(HalfCloseableProtocol::new);
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, server);
      return new ClientCreator<>(reactor, HalfCloseableProtocol::new).connectUNIX(path)
          .addCallbackDeferred(client -> {
            client.transport().write("question".getBytes(StandardCharsets.US_ASCII));
            ((ITCPTransport) client.transport()).loseWriteConnection();
            return loopUntil(() -> !server.protocols.isEmpty()
                && ((HalfCloseableProtocol) server.protocols.get(0)).readHalfClosed())
                .addCallbackDeferred(x -> {
                  AccumulatingProtocol s = server.protocols.get(0);
                  assertEquals(new String(s.data(), StandardCharsets.US_ASCII), "question");
                  assertTrue(client.writeHalfClosed());
                  assertNull(s.closedReason());
                  s.transport().write("answer".getBytes(StandardCharsets.US_ASCII));
                  ((ITCPTransport) s.transport()).loseWriteConnection();
                  return loopUntil(() -> client.readHalfClosed());
                }).addCallbackDeferred(x -> {
                  // Both directions ended; as Twisted's, the transport stays until closed.
                  assertEquals(new String(client.data(), StandardCharsets.US_ASCII), "answer");
                  assertNull(client.closedReason());
                  client.transport().loseConnection();
                  return loopUntil(() -> client.closedReason() != null);
                });
          }).addCallbackDeferred(x -> port.stopListening());
    });
  }

  @Test
  public void aSocketFileWithNoListenerRefusesTheConnection() throws IOException {
    String path = path("r");
    try (SocketChannel bound = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      bound.bind(UnixDomainSocketAddress.of(path)); // a socket file nobody listens on
      Failure f = await(() -> failureOf(
          new ClientCreator<>(reactor, Protocol::new).connectUNIX(path))).get(0);
      assertNotNull(f.check(ConnectionRefusedError.class), f.getTraceback());
    }
  }

  @Test
  public void aMissingSocketFileFailsWithConnectErrorNotRefused() {
    String path = path("missing");
    Failure f = await(() -> failureOf(
        new ClientCreator<>(reactor, Protocol::new).connectUNIX(path))).get(0);
    assertNotNull(f.check(ConnectError.class), f.getTraceback());
    assertNull(f.check(ConnectionRefusedError.class), f.getTraceback());
    assertTrue(String.valueOf(f.value().getMessage()).contains("No such file"),
        f.getTraceback());
  }

  @Test
  public void stopListeningRemovesTheSocketFileSoThePathCanBeListenedOnAgain() {
    String path = path("again");
    Recording server = new Recording(AccumulatingProtocol::new);
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, server);
      assertTrue(Files.exists(Path.of(path)));
      return port.stopListening().addCallbackDeferred(x -> {
        assertFalse(Files.exists(Path.of(path)));
        return reactor.listenUNIX(path, server).stopListening();
      });
    });
    assertFalse(Files.exists(Path.of(path)));
  }

  /** twisted.internet.test.test_unix.UNIXTestsBuilder_EPollReactorTests.test_listenFailure */
  @Test
  public void listeningOnAnExistingFileFailsWithCannotListenError() throws IOException {
    String path = path("taken");
    Files.writeString(Path.of(path), "not a socket");
    Recording server = new Recording(AccumulatingProtocol::new);
    try {
      reactor.listenUNIX(path, server);
      fail("listenUNIX on an existing file");
    } catch (CannotListenError e) {
      assertTrue(e.getMessage().contains(path), e.getMessage());
    }
    assertEquals(server.numPorts(), 0, "a port that never listened leaves its factory stopped");
  }

  @Test
  public void aPathLongerThanTheSystemLimitFailsWithCannotListenError() {
    String path = path("x".repeat(120));
    try {
      reactor.listenUNIX(path, new Recording(AccumulatingProtocol::new));
      fail("listenUNIX on a " + path.length() + "-byte path");
    } catch (CannotListenError e) {
      assertFalse(Files.exists(Path.of(path)));
    }
  }

  /** twisted.internet.test.test_unix.UNIXTestsBuilder_EPollReactorTests.test_mode */
  @Test
  public void theModeIsAppliedToTheSocketFile() throws IOException {
    String path = path("m");
    IListeningPort port = reactor.listenUNIX(path, new Recording(AccumulatingProtocol::new), 50,
        0600, false);
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))),
        "rw-------");
    await(port::stopListening);
  }

  @Test
  public void tcpOptionsAreRefusedOnAUnixTransport() {
    String path = path("o");
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, new Recording(AccumulatingProtocol::new));
      return new ClientCreator<>(reactor, AccumulatingProtocol::new).connectUNIX(path)
          .addCallback(client -> {
            ITCPTransport t = (ITCPTransport) client.transport();
            try {
              t.setTcpNoDelay(true);
              fail("setTcpNoDelay on a UNIX socket");
            } catch (UnsupportedOperationException expected) {
              // Twisted's UNIX transport has no TCP options either.
            }
            t.abortConnection();
            return client;
          }).addCallbackDeferred(c -> loopUntil(() -> c.closedReason() != null))
          .addCallbackDeferred(x -> port.stopListening());
    });
  }

  @Test
  public void abstractNamespaceAddressesAreRefusedClearly() {
    try {
      reactor.listenUNIX("\0torsion-abstract", new Recording(AccumulatingProtocol::new));
      fail("listenUNIX in the abstract namespace");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("abstract"), e.getMessage());
    }
  }

  @Test
  public void shutdownRemovesTheSocketFile() {
    String path = path("shut");
    await(() -> {
      reactor.listenUNIX(path, new Recording(AccumulatingProtocol::new));
      return Defer.succeed(null);
    });
    assertFalse(Files.exists(Path.of(path)), "the reactor's shutdown closes the port");
  }

  /** twisted.test.test_unix.UnixSocketTests.test_reprWithNewStyleFactory */
  @Test
  public void thePortsReprNamesTheFactoryAndThePathOrSaysItIsNotListening() {
    String path = path("repr");
    Recording server = new Recording(AccumulatingProtocol::new);
    String name = Recording.class.getName();
    await(() -> {
      IListeningPort port = reactor.listenUNIX(path, server);
      assertEquals(port.toString(), "<" + name + " on '" + path + "'>");
      return port.stopListening().addCallback(x -> {
        assertEquals(port.toString(), "<" + name + " (not listening)>");
        return null;
      });
    });
  }

  /** Fills {@code raw}'s accept queue without accepting, until the kernel says EAGAIN. */
  private static void fill(String path, List<SocketChannel> queued) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.configureBlocking(false);
      try {
        c.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException full) {
        c.close();
        return;
      }
      queued.add(c);
    }
    throw new AssertionError("the accept queue never filled");
  }

  @Test
  public void aConnectThatCannotCompleteFailsWithTimeoutError() throws IOException {
    String path = path("t");
    List<SocketChannel> queued = new ArrayList<>();
    try (ServerSocketChannel raw = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.bind(UnixDomainSocketAddress.of(path), 1);
      fill(path, queued);
      Failure f = await(() -> failureOf(
          new ClientCreator<>(reactor, Protocol::new).connectUNIX(path, 0.2, false))).get(0);
      assertNotNull(f.check(TimeoutError.class), f.getTraceback());
    } finally {
      for (SocketChannel c : queued) {
        c.close();
      }
    }
  }

  @Test
  public void aFullAcceptQueueDelaysTheConnectionUntilTheServerAccepts() throws IOException {
    String path = path("q");
    try (ServerSocketChannel raw = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.bind(UnixDomainSocketAddress.of(path), 1);
      raw.configureBlocking(false);
      List<SocketChannel> queued = new ArrayList<>();
      try {
        fill(path, queued);
        boolean[] drained = {false};
        Protocol p = await(() -> {
          Deferred<Protocol> d =
              new ClientCreator<>(reactor, Protocol::new).connectUNIX(path, 10, false);
          reactor.callLater(0.05, () -> {
            drained[0] = true;
            drain(raw, queued);
          });
          return d.addCallback(proto -> {
            assertTrue(drained[0], "connected although the accept queue was full");
            return proto;
          });
        });
        assertEquals(p.transport().getPeer(), new UNIXAddress(path));
      } finally {
        for (SocketChannel c : queued) {
          c.close();
        }
      }
    }
  }

  private static void drain(ServerSocketChannel raw, List<SocketChannel> into) {
    try {
      for (SocketChannel c = raw.accept(); c != null; c = raw.accept()) {
        into.add(c);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
