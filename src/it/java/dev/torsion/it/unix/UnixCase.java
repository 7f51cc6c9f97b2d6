package dev.torsion.it.unix;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;

/**
 * What the UNIX socket tests share: a fresh reactor and a fresh, short temporary directory
 * (socket paths must stay under the 108-byte {@code sun_path} limit) per test, removed after.
 */
abstract class UnixCase extends ReactorBuilder {
  protected Reactor reactor;
  protected Path dir;

  @BeforeMethod
  void freshReactorAndDirectory() throws IOException {
    reactor = buildReactor();
    dir = Files.createTempDirectory(Path.of("/tmp"), "tu");
  }

  @AfterMethod(alwaysRun = true)
  void removeDirectory() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A socket path in this test's directory. */
  protected String path(String name) {
    return dir.resolve(name).toString();
  }

  /** Runs the reactor until the Deferred made by {@code body} (called once running) fires. */
  @SuppressWarnings("unchecked")
  protected <T> T await(Supplier<Deferred<T>> body) {
    Object[] out = new Object[1];
    boolean[] done = {false};
    reactor.callWhenRunning(() -> {
      Deferred<T> d;
      try {
        d = body.get();
      } catch (RuntimeException | Error e) {
        d = new Deferred<>();
        d.errback(new Failure(e));
      }
      d.addBoth(r -> {
        out[0] = r;
        done[0] = true;
        reactor.stop();
        return null;
      });
    });
    runReactor(reactor, 20);
    if (!done[0]) {
      throw new AssertionError("the reactor stopped before the test's Deferred fired");
    }
    if (out[0] instanceof Failure f) {
      if (f.value() instanceof Error e) {
        throw e;
      }
      throw new AssertionError("the test's Deferred failed: " + f.getTraceback(), f.value());
    }
    return (T) out[0];
  }

  /** A Deferred fired once {@code condition} holds, checked every millisecond. */
  protected Deferred<Void> loopUntil(BooleanSupplier condition) {
    Deferred<Void> d = new Deferred<>();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        d.callback(null);
      } else {
        reactor.callLater(0.001, check[0]);
      }
    };
    check[0].run();
    return d;
  }

  /** Keeps what it receives. */
  static class Accumulating extends Protocol {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean made;
    @Nullable Failure lost;

    @Override
    public void connectionMade() {
      made = true;
    }

    @Override
    public void dataReceived(byte[] bytes) {
      data.write(bytes, 0, bytes.length);
    }

    @Override
    public void connectionLost(Failure reason) {
      lost = reason;
    }
  }

  /** Also hears both half-closes (and so is not closed by the peer's FIN, as Twisted's). */
  static class HalfCloseable extends Accumulating implements IHalfCloseableProtocol {
    boolean readHalfClosed;
    boolean writeHalfClosed;

    @Override
    public void readConnectionLost() {
      readHalfClosed = true;
    }

    @Override
    public void writeConnectionLost() {
      writeHalfClosed = true;
    }
  }

  /** Echoes what it receives. */
  static final class Echo extends Accumulating {
    @Override
    public void dataReceived(byte[] bytes) {
      super.dataReceived(bytes);
      transport().write(bytes);
    }
  }
}
