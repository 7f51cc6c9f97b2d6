package dev.torsion.application.runner;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;

import dev.torsion.application.runner.Fakes.Capture;
import dev.torsion.application.runner.Fakes.FakePlugin;
import dev.torsion.application.runner.Fakes.FakeProvider;
import dev.torsion.internet.reactor.ReactorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;

/** The runner's command line, reactor choice, plugin lookup, start-up and exit statuses. */
public class TwistTest {
  @AfterMethod(alwaysRun = true)
  public void releaseReactors() {
    Fakes.release();
  }

  private List<String> events = new ArrayList<>();
  private Capture out = new Capture();
  private Capture err = new Capture();
  private FakePlugin plugin = new FakePlugin(events);
  private List<Object> runs = new ArrayList<>();

  @BeforeMethod
  public void fresh() {
    events = new ArrayList<>();
    out = new Capture();
    err = new Capture();
    plugin = new FakePlugin(events);
    runs = new ArrayList<>();
  }

  private Twist twist(List<ReactorProvider> providers) {
    return new Twist(Fakes.selection(providers, events), () -> {
      events.add("subcommands loaded");
      return List.of(plugin);
    }, out.stream, err.stream, (reactor, crashed) -> runs.add(reactor));
  }

  private FakeProvider fake(String name) {
    return new FakeProvider(name, "described", null, null, events);
  }

  private void assertUsageError(int status, String... fragments) {
    assertEquals(status, 2, err.text());
    List<String> lines = err.lines();
    assertEquals(lines.size(), 2, "one error line and one usage hint: " + lines);
    for (String f : fragments) {
      assertTrue(lines.get(0).contains(f), lines.get(0) + " lacks " + f);
    }
    assertTrue(lines.get(1).startsWith("Usage: twist"), lines.get(1));
    assertEquals(out.text(), "");
  }

  /** twisted.test.test_application.PluggableReactorTests.test_reactorSelectionMixin */
  @Test
  public void reactorIsInstalledOnceBeforeThePluginIsLoaded() {
    int status = twist(List.of(fake("fakereactortest")))
        .run(List.of("--reactor", "fakereactortest", "subcommand"));
    assertEquals(status, 0, err.text());
    assertEquals(events.get(0), "reactor installed");
    assertEquals(events.stream().filter("reactor installed"::equals).count(), 1);
    assertTrue(events.indexOf("subcommands loaded") > 0, events.toString());
    assertEquals(runs.size(), 1);
    assertSame(runs.get(0), plugin.reactor, "the plugin got the reactor that ran");
  }

  /** twisted.test.test_application.PluggableReactorTests.test_reactorSelectionMixinNonExistent */
  @Test
  public void anUnknownReactorIsAUsageErrorNamingItAndHelpReactors() {
    int status = twist(List.of()).run(List.of("--reactor", "fakereactortest", "subcommand"));
    assertUsageError(status, "fakereactortest", "help-reactors", "does not exist");
    assertFalse(events.contains("subcommands loaded"));
  }

  /** twisted.test.test_application.PluggableReactorTests.test_reactorSelectionMixinNotAvailable */
  @Test
  public void aReactorThatFailsToInstallIsAUsageErrorWithItsMessage() {
    FakeProvider broken = new FakeProvider("fakereactortest", "description", null,
        new UnsupportedOperationException("Missing foo bar"), events);
    int status = twist(List.of(broken)).run(List.of("--reactor", "fakereactortest", "sub"));
    assertUsageError(status, "Missing foo bar", "help-reactors");
  }

  @Test
  public void anUnsupportedReactorIsAUsageErrorWithItsCause() {
    FakeProvider unsupported = new FakeProvider("epollish", "d", "needs Linux 9", null, events);
    int status = twist(List.of(unsupported)).run(List.of("--reactor", "epollish", "subcommand"));
    assertUsageError(status, "needs Linux 9", "help-reactors", "cannot be used");
    assertFalse(events.contains("reactor installed"), "never created");
  }

  @Test
  public void withoutReactorOptionTheDefaultChoiceIsInstalled() {
    int status = twist(List.of(fake("other"))).run(List.of("subcommand"));
    assertEquals(status, 0, err.text());
    assertEquals(events.get(0), "default reactor installed");
  }

  @Test
  public void runsTheServiceAndStopsItThroughTheShutdownTriggers() {
    int status = twist(List.of()).run(List.of("subcommand", "--flag", "run"));
    assertEquals(status, 0, err.text());
    assertEquals(events, List.of("default reactor installed", "subcommands loaded", "options",
        "makeService run", "privilegedStartService", "startService", "stopService"));
    assertFalse(plugin.reactor.running());
  }

  @Test
  public void aServiceThatCannotStartExitsOneWithOneLine() {
    int status = twist(List.of()).run(List.of("subcommand", "--flag", "fail"));
    assertEquals(status, 1);
    assertEquals(err.lines(),
        List.of("twist subcommand: cannot start: Couldn't listen on 127.0.0.1:1: in use"));
    assertFalse(events.contains("startService"), events.toString());
    assertFalse(events.contains("stopService"), "the reactor never ran: " + events);
  }

  @Test
  public void aValueThePluginRejectsIsAUsageError() {
    int status = twist(List.of()).run(List.of("subcommand", "--flag", "bad"));
    assertUsageError(status, "twist subcommand: bad value for --flag: 'bad'");
    assertTrue(err.lines().get(1).contains("twist subcommand --help"));
  }

  @Test
  public void badPluginOptionsAreAUsageError() {
    int status = twist(List.of()).run(List.of("subcommand", "--nope"));
    assertUsageError(status, "twist subcommand:", "--nope");
    assertFalse(events.contains("makeService run"));
  }

  @Test
  public void anUnknownPluginIsAUsageErrorListingThePlugins() {
    int status = twist(List.of()).run(List.of("nosuch"));
    assertUsageError(status, "unknown plugin 'nosuch'", "subcommand");
  }

  @Test
  public void noPluginIsAUsageError() {
    assertUsageError(twist(List.of()).run(List.of()), "no plugin given", "subcommand");
  }

  @Test
  public void badRunnerOptionsAreUsageErrors() {
    assertUsageError(twist(List.of()).run(List.of("--frobnicate", "subcommand")),
        "--frobnicate");
  }

  @Test
  public void badLogLevelIsAUsageError() {
    assertUsageError(twist(List.of()).run(List.of("--log-level", "loud", "subcommand")),
        "unknown log level 'loud'");
  }

  @Test
  public void badLogFormatIsAUsageError() {
    assertUsageError(twist(List.of()).run(List.of("--log-format", "xml", "subcommand")),
        "unknown log format 'xml'");
  }

  @Test
  public void aMissingOptionValueIsAUsageError() {
    assertUsageError(twist(List.of()).run(List.of("--reactor")), "--reactor");
  }

  @Test
  public void helpListsOptionsAndPluginsAndExitsZero() {
    int status = twist(List.of()).run(List.of("--help"));
    assertEquals(status, 0);
    String text = out.text();
    for (String s : List.of("--reactor", "--help-reactors", "--log-level", "--log-format",
        "subcommand", "test subcommand")) {
      assertTrue(text.contains(s), s + " missing from:\n" + text);
    }
    assertEquals(err.text(), "");
    assertFalse(events.contains("default reactor installed"));
  }

  @Test
  public void pluginHelpShowsItsOptionsAndMakesNoService() {
    int status = twist(List.of()).run(List.of("subcommand", "--help"));
    assertEquals(status, 0, err.text());
    assertTrue(out.text().contains("twist subcommand"), out.text());
    assertTrue(out.text().contains("--flag"), out.text());
    assertFalse(events.contains("makeService run"));
  }

  @Test
  public void optionsAfterThePluginNameBelongToThePlugin() {
    // --help after the plugin is the plugin's, not the runner's.
    int status = twist(List.of()).run(List.of("subcommand", "--help"));
    assertEquals(status, 0);
    assertFalse(out.text().contains("--help-reactors"), out.text());
  }

  @Test
  public void helpReactorsPrintsTheListingAndExitsZero() {
    int status = twist(List.of(fake("fakereactortest"))).run(List.of("--help-reactors"));
    assertEquals(status, 0);
    assertTrue(out.text().contains("fakereactortest"), out.text());
    assertFalse(events.contains("reactor installed"), "listing installs nothing");
  }

  @Test
  public void loadsTheBuiltInPlugins() {
    List<String> names = new ArrayList<>();
    for (IServiceMaker<?> p : Twist.loadPlugins()) {
      names.add(p.tapname());
    }
    assertEquals(names, List.of("chat", "echo", "portforward"));
  }

  private int twistBuiltIn(String... args) {
    return new Twist(Fakes.selection(List.of(), events), Twist::loadPlugins, out.stream,
        err.stream, (reactor, crashed) -> runs.add(reactor)).run(List.of(args));
  }

  @Test
  public void aMissingKeyFileIsAUsageErrorOnOneLine() {
    int status = twistBuiltIn("echo", "--listen", "ssl:0:privateKey=/nonexistent/key.pem");
    assertUsageError(status, "twist echo: bad endpoint description",
        "cannot read '/nonexistent/key.pem'");
    assertTrue(runs.isEmpty(), "nothing ran");
  }

  @Test
  public void anUnreadablePemIsAUsageErrorOnOneLine() throws IOException {
    Path bad = Files.createTempFile("torsion-twist", ".pem");
    try {
      Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nnot base64\n");
      int status = twistBuiltIn("chat", "--listen", "ssl:0:privateKey=" + bad);
      assertUsageError(status, "twist chat: bad endpoint description 'ssl:0:privateKey=",
          "unterminated certificate block");
      status = twistBuiltIn("portforward", "--connect", "tls:localhost:1:certificate=" + bad);
      assertTrue(err.lines().get(2).startsWith("twist portforward: bad endpoint description"),
          err.text());
      assertEquals(status, 2);
    } finally {
      Files.delete(bad);
    }
  }

  @Test
  public void selfSignedOnATcpEndpointIsAUsageError() {
    int status = twistBuiltIn("echo", "--listen", "tcp:0", "--self-signed");
    assertUsageError(status, "twist echo: --self-signed needs an ssl: endpoint");
  }
}
