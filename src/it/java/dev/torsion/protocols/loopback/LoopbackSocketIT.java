package dev.torsion.protocols.loopback;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.UNIXAddress;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.it.Facet;
import dev.torsion.it.Requires;
import dev.torsion.it.support.ReactorCase;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Twisted's LoopbackTCPTests and LoopbackUNIXTests: the loopback mixin's two sessions over real
 * sockets, on each reactor.
 */
public class LoopbackSocketIT extends ReactorCase {
  private void regularFunction(BiFunction<SimpleProtocol, SimpleProtocol, Deferred<@Nullable Void>> run) {
    SimpleProtocol s = new SimpleProtocol();
    SimpleProtocol c = new SimpleProtocol();
    s.conn.addCallback(r -> {
      s.sendLine("THIS IS LINE ONE!");
      s.transport().loseConnection();
      return null;
    });
    await(() -> run.apply(s, c));
    assertEquals(c.lines, List.of("THIS IS LINE ONE!"));
    assertEquals(s.connLost.size(), 1);
    assertEquals(c.connLost.size(), 1);
    assertNotNull(c.connLost.get(0).check(ConnectionDone.class));
  }

  private void sneakyHiddenDoom(BiFunction<SimpleProtocol, SimpleProtocol, Deferred<@Nullable Void>> run) {
    DoomProtocol s = new DoomProtocol();
    DoomProtocol c = new DoomProtocol();
    s.conn.addCallback(r -> {
      s.sendLine("DOOM LINE");
      return null;
    });
    await(() -> run.apply(s, c));
    assertEquals(s.lines, List.of("Hello 1", "Hello 2", "Hello 3"));
    assertEquals(c.lines, List.of("DOOM LINE", "Hello 1", "Hello 2", "Hello 3"));
    assertEquals(s.connLost.size(), 1);
    assertEquals(c.connLost.size(), 1);
  }

  /** twisted.test.test_loopback.LoopbackTCPTests.testRegularFunction */
  @Test
  public void tcpLineThenCloseReachTheClient() {
    String[] host = new String[1];
    regularFunction((s, c) -> {
      s.conn.addCallback(r -> {
        host[0] = ((IPv4Address) s.transport().getHost()).host();
        return null;
      });
      return Loopback.loopbackTCP(s, c, reactor, 0);
    });
    assertEquals(host[0], "127.0.0.1");
  }

  /** twisted.test.test_loopback.LoopbackTCPTests.testSneakyHiddenDoom */
  @Test
  public void tcpRepliesFlowUntilOneSideCloses() {
    sneakyHiddenDoom((s, c) -> Loopback.loopbackTCP(s, c, reactor, 0));
  }

  /** twisted.test.test_loopback.LoopbackUNIXTests.testRegularFunction */
  @Test
  @Requires(Facet.UNIX_SOCKETS)
  public void unixLineThenCloseReachTheClient() {
    boolean[] unix = {false};
    regularFunction((s, c) -> {
      s.conn.addCallback(r -> {
        unix[0] = s.transport().getHost() instanceof UNIXAddress;
        return null;
      });
      return Loopback.loopbackUNIX(s, c, reactor);
    });
    assertTrue(unix[0]);
  }

  /** twisted.test.test_loopback.LoopbackUNIXTests.testSneakyHiddenDoom */
  @Test
  @Requires(Facet.UNIX_SOCKETS)
  public void unixRepliesFlowUntilOneSideCloses() {
    sneakyHiddenDoom((s, c) -> Loopback.loopbackUNIX(s, c, reactor));
  }
}
