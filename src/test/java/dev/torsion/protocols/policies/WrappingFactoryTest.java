package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.ADDR;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.internet.testing.IOSim;
import java.util.Random;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** {@link WrappingFactory} and its subclasses over the in-memory network. */
public class WrappingFactoryTest {
  @DataProvider
  public Object[][] chunkSizes() {
    return new Object[][] {{1}, {7}, {1 << 20}};
  }

  @Test(dataProvider = "chunkSizes")
  public void bytesPassThroughWrappersUnchangedInAnyChunking(int chunk) {
    ThrottlingFactory throttled = new ThrottlingFactory(new Helpers.Server(), 10);
    TrafficLoggingFactory logged =
        new TrafficLoggingFactory(throttled, "t", null, name -> new StringBuilder());
    IOSim.Connected<AccumulatingProtocol, ProtocolWrapper> c =
        IOSim.connectedServerAndClient(() -> logged.buildProtocol(ADDR),
            AccumulatingProtocol::new);
    c.pump().setChunkSize(chunk);
    byte[] data = new byte[4096];
    new Random(chunk).nextBytes(data);
    c.client().transport().write(data);
    c.pump().flush();
    assertEquals(c.client().data(), data);
    assertEquals(throttled.writtenThisSecond(), data.length);
    assertEquals(throttled.readThisSecond(), data.length);
    assertEquals(throttled.connectionCount(), 1);
    c.client().transport().loseConnection();
    c.pump().flush();
    assertTrue(c.client().closed());
    assertEquals(throttled.connectionCount(), 0);
    assertTrue(logged.protocols().isEmpty());
  }

  @Test
  public void endOfInputClosesAWrappedProtocolThatCannotHalfClose() {
    IOSim.Connected<AccumulatingProtocol, ProtocolWrapper> c =
        IOSim.connectedServerAndClient(
            () -> new WrappingFactory(new Helpers.Server()).buildProtocol(ADDR),
            AccumulatingProtocol::new);
    ((dev.torsion.internet.interfaces.ITCPTransport) c.client().transport())
        .loseWriteConnection();
    c.pump().flush();
    assertTrue(c.server().disconnecting());
    assertTrue(c.client().closed());
  }
}
