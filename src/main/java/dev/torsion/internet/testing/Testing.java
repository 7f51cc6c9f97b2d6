package dev.torsion.internet.testing;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.task.LoopingCall;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The module-level helpers of {@code twisted.internet.testing}.
 *
 * @twisted twisted.internet.testing
 */
public final class Testing {
  private Testing() {}

  /**
   * A Deferred that fires once none of {@code stillConnected} is connected, checked now and then
   * every 10 ms of {@code reactor} time. For older tests on real sockets, where a connection may
   * take a reactor turn or two to close after {@code loseConnection}.
   *
   * <pre>{@code
   * client.transport().loseConnection();
   * return Testing.waitUntilAllDisconnected(reactor,
   *     List.of(() -> !client.closed(), () -> !server.closed()));
   * }</pre>
   *
   * <p><b>Differences from Twisted.</b> Twisted reads {@code transport.connected} of each
   * protocol; Torsion's transports do not share such a flag, so each entry here answers "is it
   * still connected?" itself (an {@link AccumulatingProtocol}'s {@code !closed()}, a
   * {@code StringTransport}'s {@code connected()}).
   *
   * @param reactor the clock the checks are scheduled on
   * @param stillConnected one check per connection: true while it is still connected
   * @return a Deferred fired (with null) when every check says false
   * @twisted twisted.internet.testing.waitUntilAllDisconnected
   */
  public static Deferred<@Nullable Void> waitUntilAllDisconnected(IReactorTime reactor,
      List<? extends BooleanSupplier> stillConnected) {
    List<? extends BooleanSupplier> checks = List.copyOf(stillConnected);
    LoopingCall[] loop = new LoopingCall[1];
    loop[0] = new LoopingCall(reactor, () -> {
      for (BooleanSupplier check : checks) {
        if (check.getAsBoolean()) {
          return;
        }
      }
      loop[0].stop();
    });
    return loop[0].start(0.01, true).addCallback(ignored -> null);
  }
}
