package dev.torsion.it.stress;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.interfaces.IConnector;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.builder.TcpBuilder;
import dev.torsion.it.support.Addresses;
import dev.torsion.it.support.Echo;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.testng.annotations.Test;

/** 1,000 connections open at once, each echoing its own message. */
public class ConcurrentEchoIT extends TcpBuilder {
  private static final int CONNECTIONS = 1000;

  /** Every client gets its own message back, whole, while all 1,000 are open together. */
  @Test
  public void thousandConcurrentEchoes() {
    Reactor reactor = buildReactor();
    Factory echo = ServerFactory.forProtocol(Echo::new);
    echo.setNoisy(false);
    IListeningPort port = reactor.listenTCP(0, echo, 1024, V4);
    int portNumber = Addresses.portOf(port.getHost());
    int[] echoed = {0};
    int[] open = {0};
    int[] maxOpen = {0};
    int[] ended = {0};
    boolean[] allOpen = {false};
    java.util.List<Protocol> waiting = new java.util.ArrayList<>();
    ClientFactory cf = new ClientFactory() {
      @Override
      public void clientConnectionFailed(IConnector connector, Failure reason) {
        record(new AssertionError("connection failed: " + reason, reason.value()));
        end();
      }

      @Override
      public void clientConnectionLost(IConnector connector, Failure reason) {
        end();
      }

      void end() {
        if (++ended[0] == CONNECTIONS) {
          stopQuietly(reactor);
        }
      }
    };
    cf.setNoisy(false);
    for (int i = 0; i < CONNECTIONS; i++) {
      byte[] message = ("connection " + i + " says hello " + "x".repeat(i % 97))
          .getBytes(StandardCharsets.US_ASCII);
      cf.setProtocol(() -> new Protocol() {
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();

        @Override
        public void connectionMade() {
          maxOpen[0] = Math.max(maxOpen[0], ++open[0]);
          transport().write(message.clone());
          if (open[0] == CONNECTIONS) {
            allOpen[0] = true;
            for (Protocol p : waiting) {
              p.transport().loseConnection();
            }
            waiting.clear();
          }
        }

        @Override
        public void dataReceived(byte[] data) {
          got.writeBytes(data);
          if (got.size() >= message.length) {
            if (Arrays.equals(got.toByteArray(), message)) {
              echoed[0]++;
            } else {
              record(new AssertionError("wrong echo: " + got));
            }
            // Close only once every connection is up, so all 1,000 are open together.
            if (allOpen[0]) {
              transport().loseConnection();
            } else {
              waiting.add(this);
            }
          }
        }

        @Override
        public void connectionLost(Failure reason) {
          open[0]--;
        }
      });
      reactor.connectTCP(V4, portNumber, cf);
    }
    long start = System.nanoTime();
    run(reactor, 120);
    System.out.printf("ConcurrentEchoIT: %d echoes, %d open at once, %.2f s%n", echoed[0],
        maxOpen[0], (System.nanoTime() - start) / 1e9);
    assertEquals(echoed[0], CONNECTIONS);
    assertEquals(maxOpen[0], CONNECTIONS);
  }
}
