package dev.torsion.application.runner.plugins;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.application.IService;
import dev.torsion.application.StreamServerEndpointService;
import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.endpoints.SSL4ClientEndpoint;
import dev.torsion.internet.endpoints.SSL4ServerEndpoint;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import dev.torsion.internet.endpoints.TCP6ClientEndpoint;
import dev.torsion.internet.endpoints.UNIXClientEndpoint;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.protocols.portforward.ProxyFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.Test;
import picocli.CommandLine;

/** The built-in plugins: names, option defaults and parsing, and the services they make. */
public class PluginsTest {
  private final List<Reactor> built = new ArrayList<>();

  private Reactor reactor() {
    Reactor r = Reactors.provider("nio").create();
    built.add(r);
    return r;
  }

  @AfterMethod(alwaysRun = true)
  public void releaseReactors() {
    for (Reactor r : built) {
      ((LoopCore) r).backend().close();
    }
    built.clear();
  }

  private static <O> O parse(O options, String... args) {
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  public void echoListensOnTcp8000ByDefault() {
    EchoPlugin echo = new EchoPlugin();
    assertEquals(echo.tapname(), "echo");
    assertEquals(parse(echo.options()).listen(), "tcp:8000");
    assertEquals(parse(echo.options(), "--listen", "tcp:9").listen(), "tcp:9");
    IService s = echo.makeService(reactor(), parse(echo.options(), "--listen", "tcp:0"));
    assertTrue(s instanceof StreamServerEndpointService, String.valueOf(s));
    assertEquals(s.running(), false, "made, not started");
  }

  @Test
  public void chatListensOnTcp8123ByDefault() {
    ChatPlugin chat = new ChatPlugin();
    assertEquals(chat.tapname(), "chat");
    assertEquals(parse(chat.options()).listen(), "tcp:8123");
    StreamServerEndpointService s = (StreamServerEndpointService) chat.makeService(reactor(),
        parse(chat.options(), "--max-line-length", "10", "--max-backlog", "20"));
    ChatFactory room = (ChatFactory) s.factory();
    assertEquals(room.maxLineLength(), 10);
    assertEquals(room.maxBacklog(), 20);
  }

  @Test
  public void chatRejectsNonPositiveLimits() {
    ChatPlugin chat = new ChatPlugin();
    expectThrows(IllegalArgumentException.class, () -> chat.makeService(reactor(),
        parse(chat.options(), "--max-line-length", "0")));
  }

  @Test
  public void anUnparsableListenEndpointIsAnIllegalArgument() {
    EchoPlugin echo = new EchoPlugin();
    IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
        () -> echo.makeService(reactor(), parse(echo.options(), "--listen", "nope:1")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  public void portforwardNeedsConnect() {
    PortForwardPlugin pf = new PortForwardPlugin();
    expectThrows(CommandLine.MissingParameterException.class, () -> parse(pf.options()));
  }

  @Test
  public void portforwardForwardsToTheConnectEndpoint() {
    PortForwardPlugin pf = new PortForwardPlugin();
    StreamServerEndpointService s = (StreamServerEndpointService) pf.makeService(reactor(),
        parse(pf.options(), "--connect", "tcp:host=example.com:port=81", "--listen", "tcp:0"));
    TCP4ClientEndpoint four =
        (TCP4ClientEndpoint) to(s);
    assertEquals(four.host(), "example.com");
    assertEquals(four.port(), 81);
    StreamServerEndpointService six = (StreamServerEndpointService) pf.makeService(reactor(),
        parse(pf.options(), "--connect", "tcp6:host=\\:\\:1:port=82"));
    assertEquals(((TCP6ClientEndpoint) to(six)).port(), 82);
    StreamServerEndpointService unix = (StreamServerEndpointService) pf.makeService(reactor(),
        parse(pf.options(), "--connect", "unix:/tmp/app.sock"));
    assertTrue(to(unix) instanceof UNIXClientEndpoint);
  }

  @Test
  public void portforwardRejectsABadConnectEndpoint() {
    PortForwardPlugin pf = new PortForwardPlugin();
    expectThrows(IllegalArgumentException.class, () -> pf.makeService(reactor(),
        parse(pf.options(), "--connect", "tcp:example.com")));
  }

  /** The --connect endpoint of a portforward service. */
  private static IStreamClientEndpoint to(StreamServerEndpointService s) {
    return ((Forwarding.Destination) ((ProxyFactory) s.factory()).destination()).endpoint();
  }

  private static IStreamServerEndpoint listening(IService service) {
    return ((Listening) ((StreamServerEndpointService) service).endpoint()).endpoint();
  }

  @Test
  public void everyPluginListensWithASelfSignedCertificate() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    ChatPlugin chat = new ChatPlugin(out);
    PortForwardPlugin pf = new PortForwardPlugin(out);
    EchoPlugin echo = new EchoPlugin(out);
    List<IService> services = List.of(
        chat.makeService(reactor(), parse(chat.options(), "--listen", "ssl:0", "--self-signed")),
        pf.makeService(reactor(), parse(pf.options(), "--listen", "ssl:0", "--self-signed",
            "--connect", "tcp:127.0.0.1:1")),
        echo.makeService(reactor(), parse(echo.options(), "--listen", "ssl:port=0",
            "--self-signed")));
    for (IService s : services) {
      assertTrue(listening(s) instanceof SSL4ServerEndpoint, String.valueOf(listening(s)));
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(text.split("sha256 Fingerprint=", -1).length, 4, "three fingerprints: " + text);
    assertFalse(parse(echo.options()).selfSigned, "off by default");
  }

  @Test
  public void portforwardConnectsThroughVerifyingTls() {
    PortForwardPlugin pf = new PortForwardPlugin();
    StreamServerEndpointService tls = (StreamServerEndpointService) pf.makeService(reactor(),
        parse(pf.options(), "--connect", "tls:localhost:8443", "--listen", "tcp:0"));
    IStreamClientEndpoint to = to(tls);
    assertEquals(String.valueOf(to),
        "<WrapperClientEndpoint wrapping <HostnameEndpoint localhost:8443>>");
    StreamServerEndpointService ssl = (StreamServerEndpointService) pf.makeService(reactor(),
        parse(pf.options(), "--connect", "ssl:127.0.0.1:8443:hostname=localhost",
            "--listen", "tcp:0"));
    assertTrue(to(ssl) instanceof SSL4ClientEndpoint);
  }
}
