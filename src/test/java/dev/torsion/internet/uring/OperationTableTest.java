package dev.torsion.internet.uring;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class OperationTableTest {
  @Test
  public void userDataCarriesTheSlotAndTheKind() {
    int[] kinds = {OperationTable.CANCEL, OperationTable.READ, OperationTable.WRITE,
        OperationTable.CONNECT, OperationTable.ACCEPT};
    for (int slot : new int[] {0, 1, 63, 64, 1 << 20, Integer.MAX_VALUE}) {
      for (int kind : kinds) {
        long ud = OperationTable.userData(slot, kind);
        assertEquals(OperationTable.slot(ud), slot);
        assertEquals(OperationTable.kind(ud), kind);
      }
    }
  }

  @Test
  public void aFreedSlotIsReusedAndAnUnusedOneRefused() {
    OperationTable<String> t = new OperationTable<>();
    int a = t.add("a");
    int b = t.add("b");
    assertEquals(t.size(), 2);
    t.remove(a);
    assertNull(t.get(a));
    assertEquals(t.add("c"), a, "the freed slot comes back first");
    assertSame(t.get(b), "b");
    assertThrows(IllegalStateException.class, () -> t.remove(99));
    t.remove(b);
    assertThrows(IllegalStateException.class, () -> t.remove(b));
    assertNull(t.get(-1));
  }

  @Test
  public void theTableGrowsAndKeepsEveryHandle() {
    OperationTable<Integer> t = new OperationTable<>();
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      slots.add(t.add(i));
    }
    for (int i = 0; i < 1000; i += 2) {
      t.remove(slots.get(i));
    }
    assertEquals(t.size(), 500);
    assertEquals(t.snapshot().size(), 500);
    for (int i = 1; i < 1000; i += 2) {
      assertEquals(t.get(slots.get(i)), Integer.valueOf(i));
    }
  }
}
