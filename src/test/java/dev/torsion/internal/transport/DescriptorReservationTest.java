package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class DescriptorReservationTest {
  /** A file that records whether it was closed. */
  static final class FakeFile implements Closeable {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  private final List<FakeFile> opened = new ArrayList<>();
  private DescriptorReservation reserved = DescriptorReservation.none();

  @BeforeMethod
  void freshReservation() {
    opened.clear();
    reserved = DescriptorReservation.ofFile(() -> {
      FakeFile f = new FakeFile();
      opened.add(f);
      return f;
    });
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_providesInterface */
  @Test
  public void fileReservationIsADescriptorReservation() {
    assertTrue(reserved instanceof DescriptorReservation);
    assertTrue(DescriptorReservation.forPlatform() instanceof DescriptorReservation);
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_reserveOpensFileOnce */
  @Test
  public void reservingTwiceOpensOneFile() {
    for (int i = 0; i < 10; i++) {
      reserved.reserve();
      assertEquals(opened.size(), 1);
      assertFalse(opened.get(0).closed);
    }
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_reserveEMFILELogged */
  @Test
  public void emfileWhileReservingIsLoggedAndLeavesItUnavailable() {
    DescriptorReservation r = DescriptorReservation.ofFile(() -> {
      throw new IOException("Too many open files");
    });
    r.reserve();
    assertFalse(r.available());
  }

  /**
   * twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_reserveRaisesNonEMFILEExceptions
   */
  @Test
  public void otherErrorsWhileReservingReachTheCaller() {
    DescriptorReservation io = DescriptorReservation.ofFile(() -> {
      throw new IOException("Permission denied");
    });
    UncheckedIOException e = expectThrows(UncheckedIOException.class, io::reserve);
    assertEquals(e.getCause().getMessage(), "Permission denied");
    DescriptorReservation value = DescriptorReservation.ofFile(() -> {
      throw new IllegalArgumentException("24");
    });
    assertThrows(IllegalArgumentException.class, value::reserve);
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_available */
  @Test
  public void availableOnceReserved() {
    assertFalse(reserved.available());
    reserved.reserve();
    assertTrue(reserved.available());
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_enterFailsWithoutFile */
  @Test
  public void releaseWithoutAFileFails() {
    assertThrows(IllegalStateException.class, reserved::release);
  }

  /**
   * twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_enterClosesFileExitOpensFile
   */
  @Test
  public void releaseClosesTheFileAndItsEndReopensIt() {
    reserved.reserve();
    try (DescriptorReservation.Released r = reserved.release()) {
      assertFalse(reserved.available());
      assertTrue(opened.get(0).closed);
    }
    assertTrue(reserved.available());
    assertEquals(opened.size(), 2);
  }

  /** twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_exitOpensFileOnException */
  @Test
  public void anExceptionInsideTheReleaseStillReopens() {
    reserved.reserve();
    assertThrows(IllegalStateException.class, () -> {
      try (DescriptorReservation.Released r = reserved.release()) {
        throw new IllegalStateException("inside");
      }
    });
    assertTrue(reserved.available());
  }

  /**
   * twisted.internet.test.test_tcp.FileDescriptorReservationTests.test_exitSuppressesReservationException
   */
  @Test
  public void failureToReopenIsLoggedAndTheBlocksExceptionWins() {
    boolean[] called = {false};
    DescriptorReservation r = DescriptorReservation.ofFile(() -> {
      if (called[0]) {
        throw new IllegalStateException("suppressed");
      }
      called[0] = true;
      return new ByteArrayInputStream(new byte[0]);
    });
    r.reserve();
    assertTrue(r.available());
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> {
      try (DescriptorReservation.Released rel = r.release()) {
        throw new IllegalArgumentException("allowed");
      }
    });
    assertEquals(e.getMessage(), "allowed");
    assertFalse(r.available());
  }

  /** twisted.internet.test.test_tcp.NullFileDescriptorReservationTests.test_providesInterface */
  @Test
  public void nullReservationIsADescriptorReservation() {
    assertTrue(DescriptorReservation.none() instanceof DescriptorReservation);
  }

  /** twisted.internet.test.test_tcp.NullFileDescriptorReservationTests.test_available */
  @Test
  public void nullReservationIsNeverAvailable() {
    DescriptorReservation n = DescriptorReservation.none();
    assertFalse(n.available());
    n.reserve();
    assertFalse(n.available());
  }

  /** twisted.internet.test.test_tcp.NullFileDescriptorReservationTests.test_contextManager */
  @Test
  public void nullReservationReleaseDoesNothing() {
    DescriptorReservation n = DescriptorReservation.none();
    try (DescriptorReservation.Released r = n.release()) {
      assertSame(r, DescriptorReservation.NullReservation.INSTANCE);
    }
    assertFalse(n.available());
  }

  @Test
  public void platformReservationHoldsARealDescriptor() {
    DescriptorReservation p = DescriptorReservation.forPlatform();
    p.reserve();
    if (java.nio.file.Files.exists(java.nio.file.Path.of("/dev/null"))) {
      assertTrue(p.available());
      try (DescriptorReservation.Released r = p.release()) {
        assertFalse(p.available());
      }
      assertTrue(p.available());
    }
  }
}
