package dev.torsion.internet.uring;

import static org.testng.Assert.assertEquals;

import dev.torsion.internal.linux.EventFd;
import dev.torsion.internal.linux.IoUring;
import dev.torsion.internal.linux.UringBufferRing;
import java.io.IOException;
import org.testng.annotations.Test;

/** The receive-mode probe against this kernel: multishot from Linux 6.0, one-shot before. */
public class MultishotProbeTest {
  private static boolean kernelAtLeast(int major, int minor) {
    String[] v = System.getProperty("os.version").split("[.-]");
    int ma = Integer.parseInt(v[0]);
    int mi = Integer.parseInt(v[1]);
    return ma > major || (ma == major && mi >= minor);
  }

  @Test
  public void theProbeChoosesMultishotExactlyFromLinux60AndLeavesNothingInFlight()
      throws IOException {
    IoUring ring;
    try {
      ring = IoUring.open(8);
    } catch (IOException e) {
      return; // IoUringTest checks that the provider reports the refusal
    }
    try (EventFd notSocket = new EventFd()) {
      UringBufferRing b = MultishotProbe.bufferRing(ring, notSocket.fd());
      try {
        assertEquals(b != null, kernelAtLeast(6, 0), System.getProperty("os.version"));
        ring.enter(0);
        assertEquals(ring.ready(), 0, "the probe's completion was reaped");
      } finally {
        ring.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }
}
