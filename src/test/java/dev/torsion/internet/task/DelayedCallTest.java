package dev.torsion.internet.task;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.AlreadyCalled;
import dev.torsion.internet.error.AlreadyCancelled;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class DelayedCallTest {
  @Test
  public void operationsOnACancelledCallAreAlreadyCancelled() {
    Clock clock = new Clock();
    DelayedCall call = clock.callLater(1, () -> { });
    call.cancel();
    assertThrows(AlreadyCancelled.class, call::cancel);
    assertThrows(AlreadyCancelled.class, () -> call.reset(1));
    assertThrows(AlreadyCancelled.class, () -> call.delay(1));
    assertFalse(call.active());
  }

  @Test
  public void operationsOnARunCallAreAlreadyCalled() {
    Clock clock = new Clock();
    DelayedCall call = clock.callLater(1, () -> { });
    clock.advance(1);
    assertThrows(AlreadyCalled.class, call::cancel);
    assertThrows(AlreadyCalled.class, () -> call.reset(1));
    assertThrows(AlreadyCalled.class, () -> call.delay(1));
    assertFalse(call.active());
  }

  @Test
  public void negativeDelayBringsTheCallForward() {
    Clock clock = new Clock();
    List<Double> ran = new ArrayList<>();
    DelayedCall call = clock.callLater(5, () -> ran.add(clock.seconds()));
    call.delay(-3);
    assertEquals(call.getTime(), 2.0);
    clock.advance(2);
    assertEquals(ran, List.of(2.0));
  }

  @Test
  public void resetCountsFromNow() {
    Clock clock = new Clock();
    DelayedCall call = clock.callLater(5, () -> { });
    clock.advance(4);
    call.reset(0);
    assertEquals(call.getTime(), 4.0);
    assertTrue(call.active());
    clock.advance(0);
    assertFalse(call.active());
  }

  @Test
  public void nanIsRejected() {
    Clock clock = new Clock();
    DelayedCall call = clock.callLater(5, () -> { });
    assertThrows(IllegalArgumentException.class, () -> call.reset(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> call.delay(Double.NaN));
    assertEquals(call.getTime(), 5.0);
    assertTrue(call.active());
  }

  @Test
  public void toStringReadsLikeTwistedsRepr() {
    Clock clock = new Clock();
    DelayedCall call = clock.callLater(1.5, () -> { });
    String text = call.toString();
    assertTrue(text.startsWith("<DelayedCall 0x"), text);
    assertTrue(text.contains("[1.5s] called=false cancelled=false"), text);
    call.cancel();
    assertTrue(call.toString().contains("cancelled=true"), call.toString());
  }
}
