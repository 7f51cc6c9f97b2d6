package dev.torsion.application;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import java.util.List;
import org.testng.annotations.Test;

public class ApplicationTest {
  /** twisted.test.test_application.ApplicationTests.testConstructor */
  @Test
  public void constructorsTakeNameUidAndGid() {
    assertEquals(new Application("hello").service().name(), "hello");
    assertEquals(new Application("hello", 5, null).uid(), Integer.valueOf(5));
    assertEquals(new Application("hello", 5, 6).gid(), Integer.valueOf(6));
    assertThrows(NullPointerException.class, () -> new Application(null));
  }

  /** twisted.test.test_application.ApplicationTests.testProcessComponent */
  @Test
  public void uidAndGidDefaultToNull() {
    Application a = new Application("hello");
    assertNull(a.uid());
    assertNull(a.gid());
    a = new Application("hello", 5, null);
    assertEquals(a.uid(), Integer.valueOf(5));
    assertNull(a.gid());
    a = new Application("hello", 5, 6);
    assertEquals(a.uid(), Integer.valueOf(5));
    assertEquals(a.gid(), Integer.valueOf(6));
  }

  /** twisted.test.test_application.ApplicationTests.testServiceComponent */
  @Test
  public void serviceIsTheNamedTopLevelCollection() {
    Application a = new Application("hello");
    IService service = a.service();
    IServiceCollection collection = a.service();
    assertSame(service, collection);
    assertEquals(service.name(), "hello");
    assertNull(service.parent());
    assertFalse(service.running());
    assertEquals(a.toString(), "<Application 'hello'>");
  }

  /** twisted.test.test_application.ServiceTests.testApplicationAsParent */
  @Test
  public void applicationServiceIsAParent() {
    Service s = new Service();
    Application p = new Application("");
    s.setServiceParent(p.service());
    assertEquals(ServiceTest.children(p.service()), List.of(s));
    assertSame(s.parent(), p.service());
    p.service().startService();
    assertTrue(s.running());
  }
}
