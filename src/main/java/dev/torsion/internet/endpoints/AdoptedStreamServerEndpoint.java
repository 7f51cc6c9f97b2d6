package dev.torsion.internet.endpoints;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.AlreadyListened;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorSocket;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;

/**
 * Listens on a server socket opened elsewhere (inherited, handed over by a launcher, or opened
 * with options the reactor does not offer), through {@code adoptStreamPort}.
 *
 * <p><b>Lifecycle.</b> Single use: the first {@link #listen} sets the channel non-blocking and
 * hands it to the reactor, which owns and closes it from then on; a later {@code listen} fails
 * with {@link AlreadyListened}. If the reactor refuses the channel, the endpoint closes it.
 *
 * <p><b>Errors.</b> What setting the channel non-blocking or {@code adoptStreamPort} throws
 * fails the Deferred {@code listen} returns.
 *
 * <p><b>Differences from Twisted.</b> Twisted takes a file descriptor and an address family,
 * and closes its own descriptor after the reactor has duplicated it; Java has no portable
 * descriptor type, so this takes the {@link ServerSocketChannel} itself (its family is its
 * own) and the reactor keeps it.
 *
 * @twisted twisted.internet.endpoints.AdoptedStreamServerEndpoint
 */
public final class AdoptedStreamServerEndpoint implements IStreamServerEndpoint {
  private enum State { FRESH, USED }

  private final IReactorSocket reactor;
  private final ServerSocketChannel channel;
  private State state = State.FRESH;

  /**
   * An endpoint for a bound, listening channel.
   *
   * @param reactor the reactor to adopt the channel into
   * @param channel the listening socket
   */
  public AdoptedStreamServerEndpoint(IReactorSocket reactor, ServerSocketChannel channel) {
    this.reactor = Objects.requireNonNull(reactor, "reactor");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    if (state == State.USED) {
      return Defer.fail(new AlreadyListened());
    }
    state = State.USED;
    try {
      channel.configureBlocking(false);
      return Defer.succeed(reactor.adoptStreamPort(channel, protocolFactory));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      return Defer.fail(e);
    }
  }

  @Override
  public String toString() {
    return "<AdoptedStreamServerEndpoint " + channel + ">";
  }
}
