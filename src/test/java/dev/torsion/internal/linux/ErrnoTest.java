package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.SocketErrors;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import org.testng.annotations.Test;

public class ErrnoTest {
  @Test
  public void addressInUseIsABindExceptionWithTheSystemText() {
    IOException e = Errno.exception(Errno.EADDRINUSE, "bind");
    assertTrue(e instanceof BindException, e.toString());
    assertEquals(e.getMessage(), "Address already in use (bind)");
  }

  @Test
  public void refusedIsAConnectException() {
    IOException e = Errno.exception(Errno.ECONNREFUSED, "connect");
    assertTrue(e instanceof ConnectException, e.toString());
    assertEquals(e.getMessage(), "Connection refused (connect)");
  }

  @Test
  public void unreachableIsNoRouteToHost() {
    assertTrue(Errno.exception(Errno.EHOSTUNREACH, "connect") instanceof NoRouteToHostException);
    assertTrue(Errno.exception(Errno.ENETUNREACH, "connect") instanceof NoRouteToHostException);
  }

  @Test
  public void descriptorExhaustionReadsAsTheSharedPortCodeExpects() {
    IOException e = Errno.exception(Errno.EMFILE, "accept");
    assertEquals(e.getClass(), IOException.class);
    assertTrue(SocketErrors.isEMFILE(e), e.getMessage());
    assertTrue(SocketErrors.isResourceExhaustion(e), e.getMessage());
  }

  @Test
  public void checkPassesResultsAndThrowsTheLastError() throws IOException {
    assertEquals(Errno.check(7, "x"), 7);
    // close(-1) fails with EBADF and leaves it in errno.
    Socket.closeQuietly(-1);
    IOException e = null;
    try {
      Errno.check(-1, "close");
    } catch (IOException thrown) {
      e = thrown;
    }
    assertEquals(e.getMessage(), "Bad file descriptor (close)");
  }
}
