package dev.torsion.application.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.application.runner.Fakes.FakeProvider;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import dev.torsion.internet.reactor.Reactors;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** {@code --help-reactors} and {@code --reactor NAME}. */
public class ReactorSelectionTest {
  @AfterMethod(alwaysRun = true)
  public void releaseReactors() {
    Fakes.release();
  }

  private List<String> events = new ArrayList<>();

  @BeforeMethod
  public void fresh() {
    events = new ArrayList<>();
  }

  /** twisted.test.test_application.PluggableReactorTests.test_reactorInstallation */
  @Test
  public void installingANamedReactorCallsItsProvider() {
    List<Reactor> made = new ArrayList<>();
    FakeProvider p = new FakeProvider("fakereactortest", "described", null, null, events);
    ReactorSelection s = new ReactorSelection(() -> List.of(p), provider -> {
      Reactor r = provider.create();
      made.add(r);
      return r;
    }, () -> {
      throw new AssertionError("the default is not wanted");
    });
    Reactor r = s.install("fakereactortest");
    assertEquals(events, List.of("reactor installed"));
    assertSame(r, made.get(0));
  }

  /** twisted.test.test_application.HelpReactorsTests.test_hasAsyncIO */
  @Test
  public void theReactorSupportedHereIsListedAsAvailable() {
    // The real listing: nio runs everywhere Java does, as asyncio wherever Python 3 does.
    String text = ReactorSelection.system().helpReactors();
    ReactorProvider nio = Reactors.provider("nio");
    assertTrue(text.contains(nio.description()), text);
    assertTrue(text.contains("    nio"), text);
    assertFalse(text.contains("!nio"), text);
  }

  /** twisted.test.test_application.HelpReactorsTests.test_lacksAsyncIO */
  @Test
  public void aReactorThatCannotRunIsListedWithBangAndReason() {
    FakeProvider missing = new FakeProvider("asyncish", "an event loop reactor",
        "its library is missing", null, events);
    String text = Fakes.selection(List.of(missing), events).helpReactors();
    assertTrue(text.contains("an event loop reactor"), text);
    assertTrue(text.contains("!asyncish"), text);
    assertTrue(text.contains("(its library is missing)"), text);
    assertTrue(text.contains("reactors not available on this platform:"), text);
  }

  /** twisted.test.test_application.HelpReactorsTests.test_iocpWin32 */
  @Test
  public void aPlatformReactorOnItsPlatformIsListedWithoutBang() {
    FakeProvider iocp = new FakeProvider("iocpish", "completion ports", null, null, events);
    String text = Fakes.selection(List.of(iocp), events).helpReactors();
    assertTrue(text.contains("completion ports"), text);
    assertTrue(text.contains("    iocpish"), text);
    assertFalse(text.contains("!iocpish"), text);
  }

  /** twisted.test.test_application.HelpReactorsTests.test_iocpNotWin32 */
  @Test
  public void aPlatformReactorElsewhereIsListedWithBang() {
    FakeProvider iocp = new FakeProvider("iocpish", "completion ports",
        "Windows only; this is Linux", null, events);
    FakeProvider here = new FakeProvider("here", "runs here", null, null, events);
    String text = Fakes.selection(List.of(iocp, here), events).helpReactors();
    assertTrue(text.contains("completion ports"), text);
    assertTrue(text.contains("!iocpish"), text);
    assertTrue(text.indexOf("    here") < text.indexOf("!iocpish"), "available ones first");
    assertEquals(events, List.of(), "listing creates no reactor");
  }

  /** As Twisted's HelpReactorsTests.test_onlySupportedReactors, in the runner's layout. */
  @Test
  public void withOnlySupportedReactorsThereIsNoUnavailableSection() {
    FakeProvider a = new FakeProvider("a", "first", null, null, events);
    FakeProvider b = new FakeProvider("b", "second", null, null, events);
    String text = Fakes.selection(List.of(b, a), events).helpReactors();
    assertFalse(text.contains("reactors not available"), text);
    assertTrue(text.indexOf("first") < text.indexOf("second"), "sorted by name");
  }

  @Test
  public void aProviderWhoseProbeThrowsIsListedAsUnavailable() {
    ReactorProvider throwing = new FakeProvider("odd", "probe throws", null, null, events) {
      @Override
      public boolean isSupported() {
        throw new IllegalStateException("probe exploded");
      }
    };
    String text = Fakes.selection(List.of(throwing), events).helpReactors();
    assertTrue(text.contains("!odd"), text);
    assertTrue(text.contains("probe exploded"), text);
  }

  @Test
  public void aDefaultThatCannotBeChosenIsAUsageError() {
    ReactorSelection s = new ReactorSelection(List::of, ReactorProvider::create, () -> {
      throw new UnsupportedOperationException("no reactor can run on this machine");
    });
    UsageError e = expectThrows(UsageError.class, () -> s.install(null));
    assertTrue(e.getMessage().contains("no reactor can run on this machine"), e.getMessage());
    assertTrue(e.getMessage().contains("--help-reactors"), e.getMessage());
  }
}
