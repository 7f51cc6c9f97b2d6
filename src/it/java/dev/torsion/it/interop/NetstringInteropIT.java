package dev.torsion.it.interop;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.it.interop.StringPeers.Framing;
import org.testng.annotations.Test;

/**
 * Torsion's {@code NetstringReceiver} against Twisted 22.4's, both directions, over loopback:
 * {@link StringReceiverInteropBase}'s tests, and a malformed netstring from Twisted.
 */
public class NetstringInteropIT extends StringReceiverInteropBase {
  @Override
  Framing framing() {
    return Framing.NETSTRING;
  }

  /**
   * Twisted's client sends valid netstrings, then one without its trailing comma: Torsion
   * echoes the valid ones, then closes the connection (connectionLost once, brokenPeer set).
   */
  @Test
  public void torsionClosesOnMalformedNetstringFromTwisted() throws Exception {
    ServerRun run = twistedClient("malformed", 50, System.nanoTime() & Long.MAX_VALUE);
    assertEquals(run.status(), 0, "Twisted client failed; " + run.context());
    assertEquals(run.echo().count, 50, run.context());
    assertEquals(run.echo().lostCount, 1, run.context());
    assertEquals(run.echo().lost.check(ConnectionDone.class), ConnectionDone.class,
        run.echo().lost + "; " + run.context());
    assertTrue(StringPeers.brokenPeer(run.protocol()), "brokenPeer; " + run.context());
  }
}
