package dev.torsion.protocols.loopback;

import static dev.torsion.trial.SynchronousTestCase.successResultOf;
import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.python.failure.Failure;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** A producer whose stopProducing throws must not cost either side its connectionLost. */
public class LoopbackProducerStopTest {
  /** Counts connectionLost calls. */
  private static class Counting extends Protocol {
    int lost;

    @Override
    public void connectionLost(Failure reason) {
      lost++;
    }
  }

  /** Registers a producer that throws on stopProducing, then closes. */
  private static final class Closer extends Counting {
    @Override
    public void connectionMade() {
      transport().registerProducer(new IPushProducer() {
        @Override
        public void pauseProducing() {}

        @Override
        public void resumeProducing() {}

        @Override
        public void stopProducing() {
          throw new IllegalStateException("broken stopProducing");
        }
      }, true);
      transport().loseConnection();
    }
  }

  @Test
  public void bothSidesHearConnectionLostOnceWhenAProducerFailsToStop() {
    Clock clock = new Clock();
    Closer server = new Closer();
    Counting client = new Counting();
    Deferred<@Nullable Void> done =
        Loopback.loopbackAsync(server, client, Loopback::identityPumpPolicy, clock);
    clock.advance(0);
    successResultOf(done);
    assertEquals(server.lost, 1);
    assertEquals(client.lost, 1);
  }
}
