package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.SocketErrors;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.ExhaustsFileDescriptors;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.it.support.MyServerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testng.annotations.Test;

/** A listening port out of descriptors closes the waiting peer, backs off, and lives on. */
@Requires(Facet.ACCEPT_ON_LOOP_TURN)
public class EmfileIT extends TcpCase {
  @Test
  public void portSurvivesEMFILEAndServesOnceDescriptorsReturn() throws Exception {
    ExhaustsFileDescriptors exhauster = new ExhaustsFileDescriptors();
    MyServerFactory server = new MyServerFactory();
    MyClientFactory starved = new MyClientFactory();
    MyClientFactory later = new MyClientFactory();
    // Load what the EMFILE path uses while files can still be opened.
    SocketErrors.isEMFILE(new IOException("warm-up"));
    SocketErrors.isResourceExhaustion(new IOException("warm-up"));
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, server, "127.0.0.1");
        // A full round first, so the classes of a normal connection are loaded too.
        MyClientFactory warm = new MyClientFactory();
        Deferred<AccumulatingProtocol> warmMade = new Deferred<>();
        warm.protocolConnectionMade = warmMade;
        reactor.connectTCP("127.0.0.1", portOf(port), warm);
        return warmMade.addCallbackDeferred(p -> {
          p.transport().loseConnection();
          return warm.deferred;
        }).addCallbackDeferred(x -> {
          // Let the selector release the warm-up sockets, which would otherwise free
          // descriptors after the exhaustion.
          Deferred<Void> settle = new Deferred<>();
          reactor.callLater(0.05, () -> settle.callback(null));
          return settle;
        }).addCallbackDeferred(x -> {
          reactor.connectTCP("127.0.0.1", portOf(port), starved);
          // Runs after the connect starts (same turn, later in order), before the accept.
          reactor.callLater(0, () -> {
            try {
              exhauster.exhaust();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          return starved.deferred;
        }).addCallbackDeferred(x -> {
          try {
            exhauster.release();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          Deferred<AccumulatingProtocol> made = new Deferred<>();
          later.protocolConnectionMade = made;
          reactor.connectTCP("127.0.0.1", portOf(port), later);
          return made;
        }).addCallbackDeferred(p -> {
          p.transport().loseConnection();
          return later.deferred;
        }).addCallbackDeferred(x -> port.stopListening());
      });
    } finally {
      exhauster.release();
    }
    assertNotNull(starved.lostReason.check(ConnectionDone.class),
        "the peer accepted with the reserved descriptor was closed");
    assertTrue(starved.protocol.made());
    assertNull(starved.reason);
    assertTrue(later.protocol.made(), "the port accepts again once descriptors are back");
  }
}
