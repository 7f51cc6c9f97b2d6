package dev.torsion.internet.nio2;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Offers the {@code nio2} reactor: a completion reactor on
 * {@link java.nio.channels.AsynchronousSocketChannel}, whose completions are handed to the
 * reactor thread. Portable; never the default, since {@code nio} serves TCP, UNIX sockets and
 * adoption with fewer thread hand-offs.
 *
 * <p><b>Differences from Twisted.</b> As Twisted's iocpreactor, it has no UNIX sockets and
 * cannot adopt sockets ({@code IReactorUNIX}, {@code IReactorSocket}): those calls fail with
 * {@code CannotListenError} or an exception naming the reason. Its aborts send a reset only
 * when the JVM runs with {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}.
 *
 * @twisted twisted.internet.iocpreactor.reactor.install
 */
public final class Nio2ReactorProvider implements ReactorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public Nio2ReactorProvider() {}

  @Override
  public String name() {
    return "nio2";
  }

  @Override
  public String description() {
    return "completion reactor on java.nio.channels.AsynchronousSocketChannel (IOCP on Windows)";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public @Nullable String unavailabilityCause() {
    return null;
  }

  @Override
  public int preference() {
    return 5;
  }

  @Override
  public Reactor create() {
    Nio2Backend backend = new Nio2Backend();
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    return core;
  }
}
