package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;

public class ProcessTest {
  /** twisted.test.test_application.ProcessTests.testID */
  @Test
  public void uidAndGidAreThoseGiven() {
    Process p = new Process(5, 6);
    assertEquals(p.uid(), Integer.valueOf(5));
    assertEquals(p.gid(), Integer.valueOf(6));
  }

  /** twisted.test.test_application.ProcessTests.testDefaults */
  @Test
  public void unsetIdsAreNull() {
    Process p = new Process(5, null);
    assertEquals(p.uid(), Integer.valueOf(5));
    assertNull(p.gid());
    p = new Process(null, 5);
    assertNull(p.uid());
    assertEquals(p.gid(), Integer.valueOf(5));
    p = new Process();
    assertNull(p.uid());
    assertNull(p.gid());
  }

  /** twisted.test.test_application.ProcessTests.testProcessName */
  @Test
  public void processNameIsUnsetUntilSet() {
    Process p = new Process();
    assertNull(p.processName());
    p.setProcessName("hello");
    assertEquals(p.processName(), "hello");
    assertEquals(p.toString(), "<Process uid=null gid=null processName='hello'>");
  }

  /** twisted.test.test_application.InterfacesTests.testProcess */
  @Test
  public void processIsAnIProcess() {
    Object p = new Process();
    assertTrue(p instanceof IProcess);
  }

  @Test
  public void applicationIsItsOwnIProcess() {
    IProcess a = new Application("hello", 5, 6);
    assertEquals(a.uid(), Integer.valueOf(5));
    assertEquals(a.gid(), Integer.valueOf(6));
    assertNull(a.processName());
    a.setProcessName("hello-app");
    assertEquals(a.processName(), "hello-app");
  }
}
