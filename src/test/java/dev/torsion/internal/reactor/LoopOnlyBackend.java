package dev.torsion.internal.reactor;

import dev.torsion.internet.reactor.IoBackend;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/** A test backend for the loop alone: every socket primitive refuses. */
abstract class LoopOnlyBackend implements IoBackend {
  @Override
  public Listener listen(InetSocketAddress local, int backlog, ListenerEvents events) {
    throw new UnsupportedOperationException("loop-only test backend");
  }

  @Override
  public Listener adoptListener(ServerSocketChannel channel, ListenerEvents events) {
    throw new UnsupportedOperationException("loop-only test backend");
  }

  @Override
  public Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) {
    throw new UnsupportedOperationException("loop-only test backend");
  }

  @Override
  public Stream adoptStream(SocketChannel channel) {
    throw new UnsupportedOperationException("loop-only test backend");
  }
}
