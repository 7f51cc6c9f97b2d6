package dev.torsion.protocols.policies;

import static dev.torsion.protocols.policies.Helpers.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.StringTransportWithDisconnection;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link TrafficLoggingFactory} and {@link TrafficLoggingProtocol}. */
public class TrafficLoggingFactoryTest {
  private static final IPv4Address ADDR = new IPv4Address("TCP", "1.2.3.4", 5678);

  /** Echoes with writeSequence when the data holds "vector!", with write otherwise. */
  static final class WriteSequenceEchoProtocol extends Helpers.EchoProtocol {
    @Override
    public void dataReceived(byte[] data) {
      if (new String(data, StandardCharsets.ISO_8859_1).contains("vector!")) {
        transport().writeSequence(List.of(data));
      } else {
        super.dataReceived(data);
      }
    }
  }

  /** Twisted's TestLoggingFactory: records the names opened and the logs made. */
  static final class Opener implements java.util.function.Function<String, StringWriter> {
    final List<String> names = new ArrayList<>();
    final List<StringWriter> logs = new ArrayList<>();

    @Override
    public StringWriter apply(String name) {
      names.add(name);
      StringWriter w = new StringWriter();
      logs.add(w);
      return w;
    }
  }

  /** twisted.test.test_policies.LoggingFactoryTests.test_thingsGetLogged */
  @Test
  public void trafficIsLoggedInTwistedsFormat() {
    Helpers.Server wrapped = new Helpers.Server();
    wrapped.setProtocol(WriteSequenceEchoProtocol::new);
    Opener open = new Opener();
    TrafficLoggingFactory f = new TrafficLoggingFactory(wrapped, "test", null, open);
    StringTransportWithDisconnection t = new StringTransportWithDisconnection();
    TrafficLoggingProtocol p = f.buildProtocol(ADDR);
    assertNotNull(p);
    t.setProtocol(p);
    p.makeConnection(t);
    String v = open.logs.get(0).toString();
    assertTrue(v.contains("*"));
    assertEquals(t.value().length, 0);

    p.dataReceived(b("here are some bytes"));
    v = open.logs.get(0).toString();
    assertTrue(v.contains("C 1: b'here are some bytes'"), v);
    assertTrue(v.contains("S 1: b'here are some bytes'"), v);
    assertEquals(t.value(), b("here are some bytes"));

    t.clear();
    p.dataReceived(b("prepare for vector! to the extreme"));
    v = open.logs.get(0).toString();
    assertTrue(v.contains("SV 1: [b'prepare for vector! to the extreme']"), v);
    assertEquals(t.value(), b("prepare for vector! to the extreme"));

    p.loseConnection();
    v = open.logs.get(0).toString();
    assertTrue(v.contains("S 1: *\n"), v);
    assertTrue(v.contains("ConnectionDone"), v);
  }

  /** The exact lines Twisted 22.4 writes for the same session (checked with python3). */
  @Test
  public void bytesAreShownAsPythonsRepr() {
    Helpers.Server wrapped = new Helpers.Server();
    wrapped.setProtocol(Helpers.EchoProtocol::new);
    Opener open = new Opener();
    TrafficLoggingProtocol p =
        new TrafficLoggingFactory(wrapped, "t", null, open).buildProtocol(ADDR);
    StringTransportWithDisconnection t = new StringTransportWithDisconnection();
    t.setProtocol(p);
    p.makeConnection(t);
    byte[] odd = b("here \u0000\u00ff\\ \"q\" 's' \n");
    p.dataReceived(odd);
    p.writeSequence(List.of(b("vector! yes"), b("x'y")));
    String v = open.logs.get(0).toString();
    assertEquals(v, "*\n"
        + "C 1: b'here \\x00\\xff\\\\ \"q\" \\'s\\' \\n'\n"
        + "S 1: b'here \\x00\\xff\\\\ \"q\" \\'s\\' \\n'\n"
        + "SV 1: [b'vector! yes', b\"x'y\"]\n");
  }

  @Test
  public void longDataIsElidedToTheLengthLimit() {
    Opener open = new Opener();
    TrafficLoggingProtocol p =
        new TrafficLoggingFactory(new Helpers.Server(), "t", 15, open).buildProtocol(ADDR);
    p.makeConnection(new StringTransportWithDisconnection());
    p.dataReceived(b("0123456789abcdef"));
    p.dataReceived(b("short"));
    String v = open.logs.get(0).toString();
    assertTrue(v.contains("C 1: b'012<... elided>'\n"), v);
    assertTrue(v.contains("C 1: b'short'\n"), v);
  }

  /** twisted.test.test_policies.LoggingFactoryTests.test_counter */
  @Test
  public void counterCountsBuildsUntilReset() {
    TrafficLoggingFactory f =
        new TrafficLoggingFactory(new Helpers.Server(), "test", null, new Opener());
    assertEquals(f.counter(), 0);
    f.buildProtocol(ADDR);
    assertEquals(f.counter(), 1);
    f.buildProtocol(new IPv4Address("TCP", "1.2.3.4", 5679));
    assertEquals(f.counter(), 2);
    f.resetCounter();
    assertEquals(f.counter(), 0);
  }

  /** twisted.test.test_policies.LoggingFactoryTests.test_loggingFactoryOpensLogfileAutomatically */
  @Test
  public void eachProtocolGetsALogOfItsOwn() {
    ServerFactory wrapped = new ServerFactory();
    wrapped.setProtocol(Helpers.SimpleProtocol::new);
    Opener open = new Opener();
    TrafficLoggingFactory factory = new TrafficLoggingFactory(wrapped, "test", null, open);
    TrafficLoggingProtocol first =
        factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 12345));
    TrafficLoggingProtocol second =
        factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 12346));
    assertEquals(open.names, List.of("test-1", "test-2"));
    assertSame(first.logfile(), open.logs.get(0));
    assertSame(second.logfile(), open.logs.get(1));
    assertEquals(second.number(), 2);
  }

  @Test
  public void theDefaultOpenerWritesAFileAndClosesIt() throws Exception {
    Path dir = Files.createTempDirectory("traffic");
    try {
      String prefix = dir.resolve("log").toString();
      TrafficLoggingFactory f = new TrafficLoggingFactory(new Helpers.Server(), prefix);
      TrafficLoggingProtocol p = f.buildProtocol(ADDR);
      StringTransportWithDisconnection t = new StringTransportWithDisconnection();
      t.setProtocol(p);
      p.makeConnection(t);
      p.dataReceived(b("hi"));
      t.loseConnection();
      List<String> lines = Files.readAllLines(dir.resolve("log-1"));
      assertEquals(lines.subList(0, 3), List.of("*", "C 1: b'hi'", "S 1: b'hi'"));
      assertTrue(lines.get(3).startsWith("C 1: <") && lines.get(3).contains("ConnectionDone"));
      java.io.Writer w = (java.io.Writer) p.logfile();
      expectThrows(java.io.IOException.class, () -> w.write("closed?"));
      Files.delete(dir.resolve("log-1"));
      TrafficLoggingFactory bad =
          new TrafficLoggingFactory(new Helpers.Server(), dir.resolve("no/such").toString());
      expectThrows(UncheckedIOException.class, () -> bad.buildProtocol(ADDR));
    } finally {
      Files.delete(dir);
    }
  }
}
