package dev.torsion.it.tcp;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.it.support.ExhaustsFileDescriptors;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** The descriptor exhauster the EMFILE tests rely on. */
public class ExhaustsFileDescriptorsIT {
  private static void openAFile() throws IOException {
    FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ).close();
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_count */
  @Test
  public void countIsTheNumberOpened() throws Exception {
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors();
    assertEquals(e.count(), 0);
    e.exhaust();
    try {
      assertTrue(e.count() > 0);
    } finally {
      e.release();
    }
    assertEquals(e.count(), 0);
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_exhaustTriggersEMFILE */
  @Test
  public void exhaustingMakesTheNextOpenFailWithEMFILE() throws Exception {
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors();
    e.exhaust();
    IOException failure;
    try {
      failure = expectThrows(IOException.class, ExhaustsFileDescriptorsIT::openAFile);
    } finally {
      e.release();
    }
    assertTrue(failure.getMessage().contains("Too many open files"), failure.getMessage());
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_release */
  @Test
  public void releaseMakesOpeningWorkAgain() throws Exception {
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors();
    e.exhaust();
    e.release();
    openAFile();
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_exhaustRaisesOSError */
  @Test
  public void otherOpenErrorsReachTheCaller() {
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors(() -> {
      throw new IOException("Not EMFILE");
    });
    IOException thrown = expectThrows(IOException.class, e::exhaust);
    assertEquals(thrown.getMessage(), "Not EMFILE");
  }

  /**
   * twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_fileDescriptorsReleasedOnFailure
   */
  @Test
  public void aFailureClosesWhatWasOpened() {
    List<FileChannel> opened = new ArrayList<>();
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors(() -> {
      if (opened.size() == 3) {
        throw new IllegalArgumentException("fake open exception");
      }
      FileChannel c = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ);
      opened.add(c);
      return c;
    });
    expectThrows(IllegalArgumentException.class, e::exhaust);
    assertEquals(opened.size(), 3);
    assertEquals(e.count(), 0);
    for (FileChannel c : opened) {
      assertFalse(c.isOpen());
    }
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_releaseIgnoresEBADF */
  @Test
  public void releaseGoesOnPastADescriptorClosedElsewhere() throws Exception {
    List<FileChannel> opened = new ArrayList<>();
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors(() -> {
      if (opened.size() == 5) {
        throw new IOException("Too many open files");
      }
      FileChannel c = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ);
      opened.add(c);
      return c;
    });
    e.exhaust();
    assertEquals(e.count(), 5);
    opened.get(0).close();
    e.release();
    assertEquals(e.count(), 0);
    for (FileChannel c : opened) {
      assertFalse(c.isOpen());
    }
  }

  /** twisted.internet.test.test_tcp.ExhaustsFileDescriptorsTests.test_releaseRaisesOSError */
  @Test
  public void closeErrorsDuringReleaseReachTheCaller() throws Exception {
    int[] n = {0};
    ExhaustsFileDescriptors e = new ExhaustsFileDescriptors(() -> {
      if (n[0]++ == 3) {
        throw new IOException("Too many open files");
      }
      return (Closeable) () -> {
        throw new IOException("fake close failure");
      };
    });
    e.exhaust();
    assertEquals(e.count(), 3);
    IOException thrown = expectThrows(IOException.class, e::release);
    assertEquals(thrown.getMessage(), "fake close failure");
    assertEquals(e.count(), 0);
  }
}
