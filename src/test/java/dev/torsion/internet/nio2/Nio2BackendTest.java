package dev.torsion.internet.nio2;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotSame;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/** The backend's marshalling, dispatch and buffer ownership, without sockets. */
public class Nio2BackendTest {
  private Nio2Backend backend = new Nio2Backend();
  private final List<String> log = new ArrayList<>();

  /** Records where and how it completed; throws when told to. */
  final class Recording extends Operation<String> {
    final String name;
    boolean throwInHandler;
    @Nullable Thread dispatchedOn;

    Recording(String name) {
      super(backend.completions);
      this.name = name;
    }

    @Override
    void succeeded(@Nullable String value) {
      dispatchedOn = Thread.currentThread();
      log.add(name + " ok " + value);
      if (throwInHandler) {
        throw new IllegalStateException("boom");
      }
    }

    @Override
    void failed(IOException error) {
      dispatchedOn = Thread.currentThread();
      log.add(name + " failed " + error.getMessage());
    }

    @Override
    void handlerFailed(Throwable t) {
      log.add(name + " cleaned up after " + t.getMessage());
    }
  }

  @BeforeMethod
  void fresh() {
    backend = new Nio2Backend();
    log.clear();
  }

  @AfterMethod(alwaysRun = true)
  void close() {
    backend.close();
  }

  @Test(timeOut = 5_000)
  public void aCompletionFromAPoolThreadIsDispatchedOnThePollingThread() throws Exception {
    Recording op = new Recording("read");
    op.inFlight = true;
    Thread pool = new Thread(() -> op.completed("42", null));
    pool.start();
    pool.join(5_000);
    assertTrue(log.isEmpty(), "nothing runs on the completing thread");
    backend.poll(-1);
    assertEquals(log, List.of("read ok 42"));
    assertSame(op.dispatchedOn, Thread.currentThread());
    assertFalse(op.inFlight, "the operation may be started again once dispatched");
  }

  @Test(timeOut = 5_000)
  public void anUncheckedFailureIsDeliveredAsAnIOException() {
    Recording op = new Recording("connect");
    op.failed(new IllegalStateException("group shut down"), null);
    backend.poll(-1);
    assertEquals(log, List.of("connect failed java.lang.IllegalStateException: group shut down"));
  }

  @Test(timeOut = 5_000)
  public void aThrowingHandlerIsCleanedUpAndTheNextCompletionStillRuns() {
    Recording bad = new Recording("a");
    bad.throwInHandler = true;
    Recording good = new Recording("b");
    bad.completed("1", null);
    good.completed("2", null);
    backend.poll(-1);
    assertEquals(log, List.of("a ok 1", "a cleaned up after boom", "b ok 2"));
  }

  @Test(timeOut = 5_000)
  public void onePollDispatchesAtMostItsBatchAndTheRestWithoutWaiting() {
    Recording op = new Recording("x");
    for (int i = 0; i <= Nio2Backend.MAX_DISPATCH; i++) {
      op.completed("", null);
    }
    backend.poll(0);
    assertEquals(log.size(), Nio2Backend.MAX_DISPATCH);
    backend.poll(-1);
    assertEquals(log.size(), Nio2Backend.MAX_DISPATCH + 1, "the next poll does not block");
  }

  @Test(timeOut = 5_000)
  public void laterWorkRunsFromTheNextPollWhichDoesNotBlock() {
    backend.later(() -> {
      log.add("first");
      backend.later(() -> log.add("second"));
    });
    assertTrue(log.isEmpty(), "never from inside the call that queued it");
    backend.poll(-1);
    assertEquals(log, List.of("first"), "work queued while dispatching waits a poll");
    backend.poll(-1);
    assertEquals(log, List.of("first", "second"));
  }

  @Test(timeOut = 5_000)
  public void theDispatchHookRunsOncePerPollThatDispatchesAndNotWhenIdle() {
    int[] hooks = {0};
    backend.setDispatchHook(() -> hooks[0]++);
    backend.poll(0);
    assertEquals(hooks[0], 0, "an idle poll is not a busy stretch");
    new Recording("a").completed("", null);
    new Recording("b").completed("", null);
    backend.poll(-1);
    assertEquals(hooks[0], 1);
  }

  @Test(timeOut = 5_000)
  public void aWakeUpEndsAnUnboundedPoll() {
    backend.wakeUp();
    backend.poll(-1);
    assertTrue(log.isEmpty());
  }

  @Test
  public void aWriteBufferComesBackOnlyWhenReleasedAndIsReused() {
    ByteBuffer a = backend.acquireWriteBuffer();
    ByteBuffer b = backend.acquireWriteBuffer();
    assertNotSame(a, b, "a buffer owned by a write in flight is never handed out again");
    assertEquals(a.capacity(), Nio2Backend.SEND_LIMIT);
    a.put((byte) 1);
    backend.releaseWriteBuffer(a);
    ByteBuffer c = backend.acquireWriteBuffer();
    assertSame(c, a);
    assertEquals(c.position(), 0, "handed out cleared");
  }

  @Test
  public void adoptingRefusesAndClosesTheChannel() throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    IOException e = expectThrows(IOException.class, () -> backend.adoptListener(server, () -> {}));
    assertTrue(e.getMessage().contains("cannot adopt"), e.getMessage());
    assertFalse(server.isOpen(), "the backend owned the channel and closed it");
    SocketChannel client = SocketChannel.open();
    expectThrows(IOException.class, () -> backend.adoptStream(client));
    assertFalse(client.isOpen());
  }

  @Test
  public void unixSocketsAreRefusedWithTheReason() {
    UnixDomainSocketAddress path = UnixDomainSocketAddress.of("/tmp/torsion-nio2-none");
    IOException e = expectThrows(IOException.class,
        () -> backend.listenUNIX(path, 5, () -> {}));
    assertTrue(e.getMessage().contains("no UNIX domain sockets"), e.getMessage());
    expectThrows(IOException.class, () -> backend.connectUNIX(path, null));
    assertFalse(path.getPath().toFile().exists(), "no socket file was made");
  }

  @Test
  public void aClosedBackendOpensNoChannel() {
    backend.close();
    backend.close();
    expectThrows(IOException.class, () -> backend.group());
  }
}
