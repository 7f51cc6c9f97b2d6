package dev.torsion.internet.testing;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorThreads;
import dev.torsion.internet.interfaces.IReactorTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;

public class MemoryReactorClockTest {
  @Test
  public void keepsTimeLikeAClockAndRecordsLikeAMemoryReactor() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    assertTrue(reactor instanceof IReactorTime);
    assertTrue(reactor instanceof IReactorThreads);
    List<Double> ran = new ArrayList<>();
    reactor.callLater(2, () -> ran.add(reactor.seconds()));
    reactor.advance(1);
    assertEquals(ran, List.of());
    assertEquals(reactor.getDelayedCalls().size(), 1);
    reactor.pump(0.5, 0.5);
    assertEquals(ran, List.of(2.0));
    reactor.listenTCP(80, new dev.torsion.internet.protocol.Factory());
    assertEquals(reactor.tcpServers().size(), 1);
  }

  @Test
  public void callFromThreadRunsOnTheNextAdvanceInOrder() throws Exception {
    MemoryReactorClock reactor = new MemoryReactorClock();
    List<String> ran = new ArrayList<>();
    Thread other = new Thread(() -> {
      reactor.callFromThread(() -> ran.add("a"));
      reactor.callFromThread(() -> ran.add("b"));
    });
    other.start();
    other.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(other.isAlive());
    assertEquals(ran, List.of());
    reactor.iterate(0);
    assertEquals(ran, List.of("a", "b"));
    assertEquals(reactor.iterations(), 1);
  }

  @Test
  public void callInThreadRunsAtOnceAndThePoolSizeIsRecorded() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    List<String> ran = new ArrayList<>();
    reactor.callInThread(() -> ran.add("now"));
    assertEquals(ran, List.of("now"));
    assertEquals(reactor.suggestedThreadPoolSize(), 10);
    reactor.suggestThreadPoolSize(3);
    assertEquals(reactor.suggestedThreadPoolSize(), 3);
    assertTrue(reactor.getThreadPool() == reactor.getThreadPool());
  }

  @Test
  public void waitUntilAllDisconnectedPollsEveryTenMilliseconds() {
    MemoryReactorClock reactor = new MemoryReactorClock();
    AccumulatingProtocol a = new AccumulatingProtocol();
    AccumulatingProtocol b = new AccumulatingProtocol();
    StringTransportWithDisconnection ta = new StringTransportWithDisconnection();
    StringTransportWithDisconnection tb = new StringTransportWithDisconnection();
    ta.setProtocol(a);
    tb.setProtocol(b);
    a.makeConnection(ta);
    b.makeConnection(tb);
    Deferred<Void> done = Testing.waitUntilAllDisconnected(reactor,
        List.of(ta::connected, tb::connected));
    assertFalse(done.called());
    ta.loseConnection();
    reactor.advance(0.01);
    assertFalse(done.called());
    tb.loseConnection();
    reactor.advance(0.005);
    assertFalse(done.called());
    reactor.advance(0.005);
    assertTrue(done.called());
    assertTrue(reactor.getDelayedCalls().isEmpty());
  }
}
