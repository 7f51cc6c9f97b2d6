package dev.torsion.it.builder;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.python.failure.Failure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** Twisted's {@code AbortConnectionTests}: {@code abortConnection} over TCP. */
public class AbortConnectionTestsIT extends TcpBuilder {
  private static byte[] bytes(char c, int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  /** Twisted's {@code ServerAbortsTwice}. */
  private final class ServerAbortsTwice extends ConnectableProtocol {
    @Override
    public void dataReceived(byte[] data) {
      tcp().abortConnection();
      tcp().abortConnection();
    }
  }

  /** Twisted's {@code ServerAbortsThenLoses}. */
  private final class ServerAbortsThenLoses extends ConnectableProtocol {
    @Override
    public void dataReceived(byte[] data) {
      tcp().abortConnection();
      tcp().loseConnection();
    }
  }

  /** Twisted's {@code AbortServerWritingProtocol}: says "ready" on connect. */
  private class AbortServerWritingProtocol extends ConnectableProtocol {
    @Override
    public void connectionMade() {
      transport().write("ready".getBytes());
    }
  }

  /** Twisted's {@code ReadAbortServerProtocol}: must receive nothing but Xs. */
  private final class ReadAbortServerProtocol extends AbortServerWritingProtocol {
    @Override
    public void dataReceived(byte[] data) {
      for (byte b : data) {
        if (b != 'X') {
          record(new AssertionError("Unexpectedly received data."));
          return;
        }
      }
    }
  }

  /** Twisted's {@code NoReadServer}: stops reading at once. */
  private final class NoReadServer extends ConnectableProtocol {
    @Override
    public void connectionMade() {
      transport().pauseProducing();
    }
  }

  /** Twisted's {@code EventualNoReadServer}: stops reading once its "hello" is written. */
  private final class EventualNoReadServer extends ConnectableProtocol implements IPullProducer {
    private boolean gotData;
    private boolean stoppedReading;

    @Override
    public void dataReceived(byte[] data) {
      if (!gotData) {
        gotData = true;
        transport().registerProducer(this, false);
        transport().write("hello".getBytes());
      }
    }

    @Override
    public void resumeProducing() {
      if (stoppedReading) {
        return;
      }
      stoppedReading = true;
      transport().pauseProducing();
    }

    @Override
    public void stopProducing() {}
  }

  /** Twisted's {@code BaseAbortingClient}: connectionLost must not come re-entrantly. */
  private class BaseAbortingClient extends ConnectableProtocol {
    boolean inReactorMethod;

    @Override
    public void connectionLost(Failure reason) {
      if (inReactorMethod) {
        record(new AssertionError("BUG: connectionLost was called re-entrantly!"));
      }
      super.connectionLost(reason);
    }
  }

  /** Twisted's {@code WritingButNotAbortingClient}. */
  private final class WritingButNotAbortingClient extends BaseAbortingClient {
    @Override
    public void connectionMade() {
      transport().write("hello".getBytes());
    }
  }

  /** Twisted's {@code AbortingClient}: writes Xs, aborts, writes Ys that must never arrive. */
  private class AbortingClient extends BaseAbortingClient {
    @Override
    public void dataReceived(byte[] data) {
      inReactorMethod = true;
      writeAndAbort();
      inReactorMethod = false;
    }

    void writeAndAbort() {
      transport().write(bytes('X', 10_000));
      tcp().abortConnection();
      transport().write(bytes('Y', 10_000));
    }
  }

  /** Twisted's {@code AbortingTwiceClient}. */
  private final class AbortingTwiceClient extends AbortingClient {
    @Override
    void writeAndAbort() {
      super.writeAndAbort();
      tcp().abortConnection();
    }
  }

  /** Twisted's {@code AbortingThenLosingClient}. */
  private final class AbortingThenLosingClient extends AbortingClient {
    @Override
    void writeAndAbort() {
      super.writeAndAbort();
      transport().loseConnection();
    }
  }

  /** Twisted's {@code ProducerAbortingClient}: aborts from a pull producer's resume. */
  private class ProducerAbortingClient extends ConnectableProtocol implements IPullProducer {
    boolean inReactorMethod = true;
    boolean producerStopped;
    boolean inRegisterProducer;

    void write() {
      byte[] lalala = new byte[6 * 127_000];
      for (int i = 0; i < lalala.length; i++) {
        lalala[i] = (byte) "lalala".charAt(i % 6);
      }
      transport().write(lalala);
      inRegisterProducer = true;
      transport().registerProducer(this, false);
      inRegisterProducer = false;
    }

    @Override
    public void connectionMade() {
      write();
    }

    @Override
    public void resumeProducing() {
      inReactorMethod = true;
      if (!inRegisterProducer) {
        tcp().abortConnection();
      }
      inReactorMethod = false;
    }

    @Override
    public void stopProducing() {
      producerStopped = true;
    }

    @Override
    public void connectionLost(Failure reason) {
      if (!producerStopped) {
        record(new AssertionError("BUG: stopProducing() was never called."));
      }
      if (inReactorMethod) {
        record(new AssertionError("BUG: connectionLost called re-entrantly!"));
      }
      super.connectionLost(reason);
    }
  }

  /** Twisted's {@code ProducerAbortingClientLater}: the same, after bytes were exchanged. */
  private final class ProducerAbortingClientLater extends ProducerAbortingClient {
    @Override
    public void connectionMade() {}

    @Override
    public void dataReceived(byte[] data) {
      write();
    }
  }

  /** Twisted's {@code StreamingProducerClient}: aborts once its writes are stuck. */
  private class StreamingProducerClient extends ConnectableProtocol implements IPushProducer {
    boolean paused;
    boolean inReactorMethod;

    @Override
    public void connectionMade() {
      write();
    }

    void write() {
      transport().registerProducer(this, true);
      byte[] chunk = new byte[320_000];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) ('0' + (i + 1) % 10);
      }
      for (int i = 0; i < 100; i++) {
        transport().write(chunk.clone());
      }
    }

    @Override
    public void resumeProducing() {
      paused = false;
    }

    @Override
    public void stopProducing() {}

    @Override
    public void pauseProducing() {
      if (paused) {
        return;
      }
      paused = true;
      // Let some writes fill the socket buffers before aborting, as Twisted waits 10 ms.
      reactor().callLater(0.01, this::doAbort);
    }

    void doAbort() {
      if (!paused) {
        record(new AssertionError("BUG: We should be paused a this point."));
      }
      inReactorMethod = true;
      tcp().abortConnection();
      inReactorMethod = false;
    }

    @Override
    public void connectionLost(Failure reason) {
      // Tell the server to read again so it notices the abort and goes away.
      ConnectableProtocol other = otherProtocol;
      if (other != null) {
        other.transport().resumeProducing();
      }
      super.connectionLost(reason);
    }
  }

  /** Twisted's {@code StreamingProducerClientLater}. */
  private final class StreamingProducerClientLater extends StreamingProducerClient {
    private boolean gotData;

    @Override
    public void connectionMade() {
      transport().write("hello".getBytes());
    }

    @Override
    public void dataReceived(byte[] data) {
      if (!gotData) {
        gotData = true;
        write();
      }
    }
  }

  /** Twisted's {@code DataReceivedRaisingClient}. */
  private final class DataReceivedRaisingClient extends AbortingClient {
    @Override
    public void dataReceived(byte[] data) {
      tcp().abortConnection();
      throw new ArithmeticException("ONO");
    }
  }

  /** Twisted's {@code ResumeThrowsClient}. */
  private final class ResumeThrowsClient extends ProducerAbortingClient {
    @Override
    public void resumeProducing() {
      if (!inRegisterProducer) {
        tcp().abortConnection();
        throw new ArithmeticException("ono!");
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      // A producer that threw need not be stopped: skip the base class's check.
      disconnectReason = reason;
      done().callback(null);
    }
  }

  /** Twisted's {@code runAbortTest}. */
  private void runAbortTest(Supplier<? extends ConnectableProtocol> clientClass,
      Supplier<? extends ConnectableProtocol> serverClass,
      @Nullable Class<? extends Throwable> clientConnectionLostReason) {
    ConnectableProtocol client = clientClass.get();
    ConnectableProtocol server = serverClass.get();
    client.otherProtocol = server;
    server.otherProtocol = client;
    Reactor reactor = runProtocols(server, client, V4);
    assertEquals(((LoopCore) reactor).selectables(), List.of());
    assertEquals(reactor.getDelayedCalls(), List.of());
    List<Class<? extends Throwable>> clientExpected = new ArrayList<>(
        List.of(ConnectionAborted.class, ConnectionLost.class));
    if (clientConnectionLostReason != null) {
      clientExpected.add(clientConnectionLostReason);
    }
    Failure c = client.disconnectReason;
    assertNotNull(c);
    assertNotNull(c.check(clientExpected.toArray(Class[]::new)), c.toString());
    Failure s = server.disconnectReason;
    assertNotNull(s);
    assertNotNull(s.check(ConnectionLost.class, ConnectionDone.class), s.toString());
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_dataReceivedAbort */
  @Test
  public void dataReceivedAbort() {
    runAbortTest(AbortingClient::new, ReadAbortServerProtocol::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_clientAbortsConnectionTwice */
  @Test
  public void clientAbortsConnectionTwice() {
    runAbortTest(AbortingTwiceClient::new, ReadAbortServerProtocol::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_clientAbortsConnectionThenLosesConnection */
  @Test
  public void clientAbortsConnectionThenLosesConnection() {
    runAbortTest(AbortingThenLosingClient::new, ReadAbortServerProtocol::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_serverAbortsConnectionTwice */
  @Test
  public void serverAbortsConnectionTwice() {
    runAbortTest(WritingButNotAbortingClient::new, ServerAbortsTwice::new, ConnectionLost.class);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_serverAbortsConnectionThenLosesConnection */
  @Test
  public void serverAbortsConnectionThenLosesConnection() {
    runAbortTest(WritingButNotAbortingClient::new, ServerAbortsThenLoses::new,
        ConnectionLost.class);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_resumeProducingAbort */
  @Test
  public void resumeProducingAbort() {
    runAbortTest(ProducerAbortingClient::new, ConnectableProtocol::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_resumeProducingAbortLater */
  @Test
  public void resumeProducingAbortLater() {
    runAbortTest(ProducerAbortingClientLater::new, AbortServerWritingProtocol::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_fullWriteBuffer */
  @Test
  public void fullWriteBuffer() {
    runAbortTest(StreamingProducerClient::new, NoReadServer::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_fullWriteBufferAfterByteExchange */
  @Test
  public void fullWriteBufferAfterByteExchange() {
    runAbortTest(StreamingProducerClientLater::new, EventualNoReadServer::new, null);
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_dataReceivedThrows */
  @Test
  public void dataReceivedThrows() {
    try (LogCapture log = LogCapture.start()) {
      runAbortTest(DataReceivedRaisingClient::new, AbortServerWritingProtocol::new,
          ArithmeticException.class);
      assertEquals(occurrences(log.text(), "ArithmeticException: ONO"), 1, log.text());
    }
  }

  /** twisted.internet.test.test_tcp.AbortConnectionTests_EPollReactorTests.test_resumeProducingThrows */
  @Test
  public void resumeProducingThrows() {
    try (LogCapture log = LogCapture.start()) {
      runAbortTest(ResumeThrowsClient::new, ConnectableProtocol::new,
          ArithmeticException.class);
      assertEquals(occurrences(log.text(), "ArithmeticException: ono!"), 1, log.text());
    }
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
