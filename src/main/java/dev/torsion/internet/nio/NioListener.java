package dev.torsion.internet.nio;

import dev.torsion.internet.reactor.IoBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listening socket of a {@link NioBackend}; its key's attachment. */
final class NioListener implements IoBackend.Listener, NioBackend.Ready {
  private static final Logger LOG = LoggerFactory.getLogger(NioListener.class);
  private final NioBackend backend;
  private final ServerSocketChannel channel;
  private final IoBackend.ListenerEvents events;
  /** An InetSocketAddress for TCP, a UnixDomainSocketAddress for UNIX sockets. */
  private final java.net.SocketAddress local;
  @Nullable SelectionKey key;

  NioListener(NioBackend backend, ServerSocketChannel channel, IoBackend.ListenerEvents events)
      throws IOException {
    this.backend = backend;
    this.channel = channel;
    this.events = events;
    this.local = channel.getLocalAddress();
  }

  /** A new socket bound to {@code local}, listening; closed again on any failure. */
  static NioListener listen(NioBackend backend, Selector selector, InetSocketAddress local,
      int backlog, IoBackend.ListenerEvents events) throws IOException {
    ProtocolFamily family = local.getAddress() instanceof java.net.Inet6Address
        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    ServerSocketChannel ch = ServerSocketChannel.open(family);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(local, backlog);
      return adopt(backend, selector, ch, events);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Registers a bound, listening socket (not accepting yet); closes it on any failure. */
  static NioListener adopt(NioBackend backend, Selector selector, ServerSocketChannel channel,
      IoBackend.ListenerEvents events) throws IOException {
    // The channel is ours from here: on any failure close it, or nobody will.
    try {
      if (channel.getLocalAddress() == null) {
        throw new IOException("the server socket to adopt is not bound");
      }
      channel.configureBlocking(false);
      NioListener l = new NioListener(backend, channel, events);
      l.key = channel.register(selector, 0, l);
      return l;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void ready(SelectionKey k) {
    events.acceptReady();
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) local;
  }

  @Override
  public void setAccepting(boolean on) {
    SelectionKey k = key;
    if (k != null && k.isValid()) {
      k.interestOps(on ? SelectionKey.OP_ACCEPT : 0);
    }
  }

  @Override
  public IoBackend.@Nullable Stream accept() throws IOException {
    SocketChannel c = channel.accept();
    if (c == null) {
      return null;
    }
    try {
      c.configureBlocking(false);
    } catch (IOException e) {
      c.close();
      throw e;
    }
    return backend.acceptedStream(c);
  }

  @Override
  public void close(Runnable onClosed) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing {} failed", local, e);
    }
    // The descriptor is released by the next select: run onClosed after it.
    backend.afterNextSelect(onClosed);
  }

  @Override
  public String toString() {
    return "NioListener(" + local + ")";
  }
}
