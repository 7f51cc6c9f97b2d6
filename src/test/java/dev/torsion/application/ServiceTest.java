package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class ServiceTest {
  static List<IService> children(IServiceCollection parent) {
    List<IService> list = new ArrayList<>();
    parent.forEach(list::add);
    return list;
  }

  /** twisted.test.test_application.ServiceTests.testName */
  @Test
  public void setNameSetsTheName() {
    Service s = new Service();
    assertNull(s.name());
    s.setName("hello");
    assertEquals(s.name(), "hello");
  }

  /** twisted.test.test_application.ServiceTests.testParent */
  @Test
  public void setServiceParentAddsTheChildAndSetsItsParent() {
    Service s = new Service();
    MultiService p = new MultiService();
    s.setServiceParent(p);
    assertEquals(children(p), List.of(s));
    assertSame(s.parent(), p);
  }

  /** twisted.test.test_application.ServiceTests.testDoublyNamedChild */
  @Test
  public void renamingAChildIsRefused() {
    Service s = new Service();
    MultiService p = new MultiService();
    s.setName("hello");
    s.setServiceParent(p);
    IllegalStateException e = expectThrows(IllegalStateException.class, () -> s.setName("lala"));
    assertEquals(e.getMessage(), "cannot change name when parent exists");
    assertEquals(s.name(), "hello");
  }

  /** twisted.test.test_application.ServiceTests.testDisowning */
  @Test
  public void disowningRemovesTheChildAndClearsItsParent() {
    Service s = new Service();
    MultiService p = new MultiService();
    s.setServiceParent(p);
    assertEquals(children(p), List.of(s));
    assertSame(s.parent(), p);
    assertNull(s.disownServiceParent());
    assertEquals(children(p), List.of());
    assertNull(s.parent());
  }

  @Test
  public void disowningWithoutAParentIsAnError() {
    assertThrows(IllegalStateException.class, () -> new Service().disownServiceParent());
  }

  @Test
  public void settingANewParentLeavesTheOldOne() {
    Service s = new Service();
    s.setName("s");
    MultiService first = new MultiService();
    MultiService second = new MultiService();
    s.setServiceParent(first);
    s.setServiceParent(second);
    assertEquals(children(first), List.of());
    assertThrows(java.util.NoSuchElementException.class, () -> first.getServiceNamed("s"));
    assertEquals(children(second), List.of(s));
    assertSame(s.parent(), second);
  }

  /** twisted.test.test_application.ServiceTests.testRunning */
  @Test
  public void startAndStopSetRunning() {
    Service s = new Service();
    assertFalse(s.running());
    s.startService();
    assertTrue(s.running());
    assertNull(s.stopService());
    assertFalse(s.running());
  }

  /** twisted.test.test_application.InterfacesTests.testService */
  @Test
  public void serviceIsAnIService() {
    Object s = new Service();
    assertTrue(s instanceof IService);
    assertFalse(s instanceof IServiceCollection);
  }

  @Test
  public void toStringNamesTheServiceAndItsState() {
    Service s = new Service();
    assertEquals(s.toString(), "<Service>");
    s.setName("web");
    s.startService();
    assertEquals(s.toString(), "<Service 'web' running>");
  }
}
