package dev.torsion.internet.nio;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.reactor.ReactorProvider;
import org.jspecify.annotations.Nullable;

/**
 * Offers the {@code nio} reactor: portable, on {@link java.nio.channels.Selector}.
 *
 * @twisted twisted.internet.selectreactor.install
 */
public final class NioReactorProvider implements ReactorProvider {
  /** For {@link java.util.ServiceLoader}. */
  public NioReactorProvider() {}

  @Override
  public String name() {
    return "nio";
  }

  @Override
  public String description() {
    return "portable reactor on java.nio.channels.Selector";
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
    return 10;
  }

  @Override
  public Reactor create() {
    NioBackend backend = new NioBackend();
    LoopCore core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
    return core;
  }
}
