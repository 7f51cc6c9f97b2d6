package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.DescriptorReservationTest.FakeFile;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** The review of the reservation's end: a stopped reactor gives its descriptor back. */
public class DescriptorReservationReviewTest {
  @Test
  public void disposeClosesTheHeldFileAndReserveTakesANewOne() {
    List<FakeFile> opened = new ArrayList<>();
    DescriptorReservation r = DescriptorReservation.ofFile(() -> {
      FakeFile f = new FakeFile();
      opened.add(f);
      return f;
    });
    r.reserve();
    r.dispose();
    assertTrue(opened.get(0).closed);
    assertFalse(r.available());
    r.dispose();
    r.reserve();
    assertEquals(opened.size(), 2);
    assertTrue(r.available());
    DescriptorReservation.none().dispose();
    assertFalse(DescriptorReservation.none().available());
  }
}
