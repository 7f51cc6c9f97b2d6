package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.it.support.Echo;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.testng.annotations.Test;

/** Echo under load: random write sizes with a checksum, and many connections at once. */
public class EchoLoadIT extends TcpCase {
  @Test
  public void randomSizedWritesComeBackWholeAndInOrder() {
    long total = 48L * 1024 * 1024;
    SplittableRandom random = new SplittableRandom(42);
    CRC32 sentCrc = new CRC32();
    CRC32 gotCrc = new CRC32();
    long[] got = {0};
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(Echo::new), 50,
          "127.0.0.1");
      Deferred<Void> done = new Deferred<>();
      ClientFactory cf = ClientFactory.forClientProtocol(() -> new Protocol() {
        long sent;

        @Override
        public void connectionMade() {
          transport().registerProducer(new IPullProducer() {
            @Override
            public void resumeProducing() {
              // A few writes of random sizes per turn, sometimes one byte, sometimes 200 KiB.
              for (int i = 0; i < 4 && sent < total; i++) {
                int n = (int) Math.min(total - sent,
                    random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(200 * 1024));
                byte[] b = new byte[n];
                random.nextBytes(b);
                sentCrc.update(b);
                sent += n;
                transport().write(b);
              }
              if (sent >= total) {
                transport().unregisterProducer();
              }
            }

            @Override
            public void stopProducing() {}
          }, false);
        }

        @Override
        public void dataReceived(byte[] data) {
          gotCrc.update(data);
          got[0] += data.length;
          if (got[0] == total) {
            transport().loseConnection();
          }
        }

        @Override
        public void connectionLost(Failure reason) {
          done.callback(null);
        }
      });
      reactor.connectTCP("127.0.0.1", portOf(port), cf);
      return done.addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(got[0], total);
    assertEquals(gotCrc.getValue(), sentCrc.getValue());
  }

  @Test
  public void manyConcurrentConnectionsEachEcho() {
    int clients = 300;
    int[] echoed = {0};
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(Echo::new), 512,
          "127.0.0.1");
      List<Deferred<Void>> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Deferred<Void> done = new Deferred<>();
        all.add(done);
        byte[] message = new byte[1024];
        new SplittableRandom(i).nextBytes(message);
        reactor.connectTCP("127.0.0.1", portOf(port), ClientFactory.forClientProtocol(
            () -> new Protocol() {
              final java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();

              @Override
              public void connectionMade() {
                transport().write(message);
              }

              @Override
              public void dataReceived(byte[] data) {
                in.write(data, 0, data.length);
                if (in.size() == message.length) {
                  if (java.util.Arrays.equals(in.toByteArray(), message)) {
                    echoed[0]++;
                  }
                  transport().loseConnection();
                }
              }

              @Override
              public void connectionLost(Failure reason) {
                done.callback(null);
              }
            }));
      }
      return Defer.gatherResults(all).addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(echoed[0], clients);
  }
}
