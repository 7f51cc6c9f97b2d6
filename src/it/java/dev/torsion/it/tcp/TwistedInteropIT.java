package dev.torsion.it.tcp;

import static org.testng.Assert.assertEquals;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.python.failure.Failure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.testng.annotations.Test;

/** Torsion and the real Twisted (python3-twisted) talking to each other on loopback. */
public class TwistedInteropIT extends TcpCase {
  private static final int SIZE = 10 * 1024 * 1024;

  private static final String TWISTED_ECHO_SERVER = String.join("\n",
      "from twisted.internet import reactor, protocol",
      "class Echo(protocol.Protocol):",
      "    def dataReceived(self, data):",
      "        self.transport.write(data)",
      "    def connectionLost(self, reason):",
      "        reactor.stop()",
      "p = reactor.listenTCP(0, protocol.Factory.forProtocol(Echo), interface='127.0.0.1')",
      "print(p.getHost().port, flush=True)",
      "reactor.callLater(60, reactor.stop)",
      "reactor.run()");

  private static final String TWISTED_CLIENT = String.join("\n",
      "import sys, zlib, random",
      "from twisted.internet import reactor, protocol",
      "N = " + SIZE,
      "data = random.Random(7).randbytes(N)",
      "class C(protocol.Protocol):",
      "    got = 0",
      "    crc = 0",
      "    def connectionMade(self):",
      "        self.transport.write(data)",
      "    def dataReceived(self, d):",
      "        self.crc = zlib.crc32(d, self.crc)",
      "        self.got += len(d)",
      "        if self.got == N:",
      "            self.transport.loseConnection()",
      "    def connectionLost(self, reason):",
      "        print(self.got, self.crc, zlib.crc32(data), flush=True)",
      "        reactor.stop()",
      "protocol.ClientCreator(reactor, C).connectTCP('127.0.0.1', int(sys.argv[1]))",
      "reactor.callLater(60, reactor.stop)",
      "reactor.run()");

  private static Process python(String script, String... args) throws IOException {
    String[] cmd = new String[3 + args.length];
    cmd[0] = "/usr/bin/python3";
    cmd[1] = "-c";
    cmd[2] = script;
    System.arraycopy(args, 0, cmd, 3, args.length);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  public void torsionClientAgainstTwistedEchoServer() throws Exception {
    Process server = python(TWISTED_ECHO_SERVER);
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError("python3-twisted did not start (is it installed?)");
      }
      int port = Integer.parseInt(line.trim());
      byte[] data = new byte[SIZE];
      new SplittableRandom(7).nextBytes(data);
      CRC32 sent = new CRC32();
      sent.update(data);
      CRC32 got = new CRC32();
      long[] count = {0};
      await(() -> {
        Deferred<Void> done = new Deferred<>();
        reactor.connectTCP("127.0.0.1", port, ClientFactory.forClientProtocol(
            () -> new Protocol() {
              @Override
              public void connectionMade() {
                transport().write(data);
              }

              @Override
              public void dataReceived(byte[] bytes) {
                got.update(bytes);
                count[0] += bytes.length;
                if (count[0] == SIZE) {
                  transport().loseConnection();
                }
              }

              @Override
              public void connectionLost(Failure reason) {
                done.callback(null);
              }
            }));
        return done;
      });
      assertEquals(count[0], SIZE);
      assertEquals(got.getValue(), sent.getValue());
      server.waitFor(20, TimeUnit.SECONDS);
    } finally {
      server.destroyForcibly();
    }
  }

  /** A Torsion echo protocol. */
  static final class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
      transport().write(data);
    }
  }

  @Test
  public void twistedClientAgainstTorsionEchoServer() throws Exception {
    String[] result = new String[1];
    Process[] client = new Process[1];
    try {
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(Echo::new), 50,
            "127.0.0.1");
        Deferred<Void> done = new Deferred<>();
        try {
          client[0] = python(TWISTED_CLIENT, String.valueOf(portOf(port)));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        Thread waiter = new Thread(() -> {
          String line;
          try (BufferedReader out = new BufferedReader(new InputStreamReader(
              client[0].getInputStream(), StandardCharsets.US_ASCII))) {
            line = out.readLine();
          } catch (IOException e) {
            line = "read failed: " + e;
          }
          String l = line;
          reactor.callFromThread(() -> {
            result[0] = l;
            done.callback(null);
          });
        }, "twisted-client-waiter");
        waiter.setDaemon(true);
        waiter.start();
        return done.addCallbackDeferred(x -> port.stopListening());
      });
    } finally {
      if (client[0] != null) {
        client[0].destroyForcibly();
      }
    }
    String[] f = String.valueOf(result[0]).trim().split(" ");
    assertEquals(f.length, 3, "the Twisted client printed " + result[0]);
    assertEquals(Long.parseLong(f[0]), SIZE);
    assertEquals(f[1], f[2], "checksum of what came back equals checksum of what was sent");
  }
}
