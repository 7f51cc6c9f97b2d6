package dev.torsion.protocols.loopback;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;

import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.protocols.loopback.LoopbackTest.Recording;
import java.util.List;
import org.testng.annotations.Test;

/** Twisted's test_loopback LoopbackRelayTest, and the rest of the relay's contract. */
public class LoopbackRelayTest {
  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  /** twisted.test.test_loopback.LoopbackRelayTest.test_write */
  @Test
  public void writesWaitForClearBufferAndArriveJoined() {
    Recording receiver = new Recording();
    LoopbackRelay relay = new LoopbackRelay(receiver);
    relay.write(b("abc"));
    relay.write(b("def"));
    assertEquals(receiver.received, List.of());
    relay.clearBuffer();
    assertEquals(receiver.received, List.of("abcdef"));
  }

  /** twisted.test.test_loopback.LoopbackRelayTest.test_writeSequence */
  @Test
  public void writeSequencesWaitForClearBufferAndArriveJoined() {
    Recording receiver = new Recording();
    LoopbackRelay relay = new LoopbackRelay(receiver);
    relay.writeSequence(List.of(b("The "), b("quick "), b("brown "), b("fox ")));
    relay.writeSequence(List.of(b("jumps "), b("over "), b("the lazy dog")));
    assertEquals(receiver.received, List.of());
    relay.clearBuffer();
    assertEquals(receiver.received, List.of("The quick brown fox jumps over the lazy dog"));
  }

  @Test
  public void loseConnectionDeliversThenClosesOnce() {
    Recording receiver = new Recording();
    LoopbackRelay relay = new LoopbackRelay(receiver);
    relay.write(b("last"));
    relay.loseConnection();
    assertEquals(receiver.lost, List.of());
    relay.clearBuffer();
    relay.write(b("after"));
    relay.loseConnection();
    relay.clearBuffer();
    assertEquals(receiver.received, List.of("last"));
    assertEquals(receiver.lost, List.of("ConnectionDone"));
  }

  @Test
  public void clearBufferPollsTheProducerFirstAndHoldsDataWhilePaused() {
    Recording receiver = new Recording();
    LoopbackRelay relay = new LoopbackRelay(receiver);
    int[] asked = {0};
    relay.registerProducer(new IPullProducer() {
      @Override
      public void resumeProducing() {
        asked[0]++;
        relay.write(b("p" + asked[0]));
      }

      @Override
      public void stopProducing() {}
    }, false);
    relay.pauseProducing();
    relay.clearBuffer();
    assertEquals(receiver.received, List.of());
    relay.resumeProducing();
    relay.clearBuffer();
    assertEquals(receiver.received, List.of("p1p2"));
    relay.unregisterProducer();
    relay.clearBuffer();
    assertEquals(asked[0], 2);
  }

  @Test
  public void logsWritesAndDeliveriesAsPythonBytesLiterals() {
    StringBuilder log = new StringBuilder();
    LoopbackRelay relay = new LoopbackRelay(new Recording(), log);
    relay.write(new byte[] {'a', '\r', '\n', 0, (byte) 0xff, '\''});
    relay.clearBuffer();
    assertEquals(log.toString(), "loopback writing b\"a\\r\\n\\x00\\xff'\"\n"
        + "loopback receiving b\"a\\r\\n\\x00\\xff'\"\n");
    assertEquals(LoopbackRelay.bytesRepr(b("q'\"\\")), "b'q\\'\"\\\\'");
    assertEquals(relay.logPrefix(), "Loopback('Recording')");
  }
}
