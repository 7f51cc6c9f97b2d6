package dev.torsion.internet.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * A reactor's I/O event source and stream-socket primitives: the small part each reactor
 * supplies. The package description lists the whole contract ("Required:"); the shared TCP
 * transport in {@code dev.torsion.internal.transport} is written against these types only, so
 * it runs unchanged over a readiness backend (a selector, epoll, poll) or a completion backend
 * (io_uring, NIO.2).
 *
 * <p><b>Threading.</b> {@link #wakeUp()} may be called from any thread; every other method, on
 * this type and on the nested ones, only from the reactor thread. Every event is delivered from
 * inside {@link #poll}, never from inside another backend call.
 */
public interface IoBackend extends AutoCloseable {
  /**
   * Waits for I/O readiness or completions for at most {@code timeoutNanos}, or until
   * {@link #wakeUp()}, then dispatches every event found to its handler on this thread.
   *
   * @param timeoutNanos 0 to poll without waiting, negative to wait without limit
   */
  void poll(long timeoutNanos);

  /** Makes a {@link #poll} in progress, or the next one, return promptly. Thread-safe. */
  void wakeUp();

  /** Releases the backend's resources. Idempotent. */
  @Override
  void close();

  /**
   * The backend's descriptor watching, for a backend that can watch any descriptor number
   * (epoll, poll, uring); optional. Its events are delivered from {@link #poll} like the rest.
   *
   * @return the facet, or null (the default) when the backend cannot watch raw descriptors
   */
  default dev.torsion.internet.interfaces.@Nullable IReactorFDSet fdSet() {
    return null;
  }

  /**
   * Opens a listening TCP socket bound to {@code local} with SO_REUSEADDR, not yet accepting.
   *
   * @param local the address and port (0 for any) to bind
   * @param backlog the accept queue length
   * @param events told when connections can be accepted
   * @return the listener
   * @throws IOException if the socket cannot be opened or bound
   */
  Listener listen(InetSocketAddress local, int backlog, ListenerEvents events) throws IOException;

  /**
   * Takes over a bound, listening server socket.
   *
   * @param channel the socket; the backend owns it from now on
   * @param events told when connections can be accepted
   * @return the listener
   * @throws IOException if the socket cannot be registered
   */
  Listener adoptListener(ServerSocketChannel channel, ListenerEvents events) throws IOException;

  /**
   * Starts a non-blocking connect; {@link StreamEvents#connectCompleted} follows from a later
   * dispatch.
   *
   * @param remote the resolved address to connect to
   * @param local the address to bind first, or null
   * @param events the connection's event receiver
   * @return the connecting stream
   * @throws java.net.BindException if {@code local} cannot be bound
   * @throws IOException if the socket cannot be opened or the connect fails at once
   */
  Stream connect(InetSocketAddress remote, @Nullable InetSocketAddress local,
      StreamEvents events) throws IOException;

  /**
   * Takes over a connected socket.
   *
   * @param channel the socket; the backend owns it from now on
   * @return the stream, not yet {@linkplain Stream#start started}
   * @throws IOException if the socket cannot be made non-blocking or registered
   */
  Stream adoptStream(SocketChannel channel) throws IOException;

  /**
   * Opens a listening UNIX domain stream socket bound to {@code path}, not yet accepting. The
   * file must not exist. The listener's {@link Listener#localAddress()} is undefined: the
   * shared code knows the path. The default binds a JDK channel and
   * {@linkplain #adoptListener adopts} it.
   *
   * @param path the socket file to create
   * @param backlog the accept queue length
   * @param events told when connections can be accepted
   * @return the listener
   * @throws IOException if the socket cannot be opened or bound, or UNIX sockets are missing
   */
  default Listener listenUNIX(UnixDomainSocketAddress path, int backlog, ListenerEvents events)
      throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.bind(path, backlog);
      return adoptListener(ch, events);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Starts a non-blocking connect to a UNIX domain stream socket, as {@link #connect}. The
   * stream's {@code localAddress()} and {@code remoteAddress()} are undefined: the shared code
   * knows the path. A backend without UNIX sockets keeps this default.
   *
   * @param path the socket file to connect to
   * @param events the connection's event receiver
   * @return the connecting stream
   * @throws IOException if the socket cannot be opened, the connect fails at once, or UNIX
   *     sockets are missing
   */
  default Stream connectUNIX(UnixDomainSocketAddress path, StreamEvents events)
      throws IOException {
    throw new IOException(getClass().getSimpleName() + " has no UNIX domain sockets");
  }

  /** What a listener tells its port. */
  interface ListenerEvents {
    /** Connections may be waiting: call {@link Listener#accept()} until it returns null. */
    void acceptReady();
  }

  /** A listening socket. */
  interface Listener {
    /**
     * The bound address.
     *
     * @return the local address
     */
    InetSocketAddress localAddress();

    /**
     * Turns {@link ListenerEvents#acceptReady()} notifications on or off.
     *
     * @param on true to be told of waiting connections
     */
    void setAccepting(boolean on);

    /**
     * Takes one waiting connection, without blocking.
     *
     * @return the connection, not yet started, or null if none is waiting
     * @throws IOException on an accept error; "Too many open files" is EMFILE or ENFILE
     */
    @Nullable Stream accept() throws IOException;

    /**
     * Closes the socket; {@code onClosed} runs from a later dispatch once the descriptor is
     * really released, so the port may be bound again. Idempotent.
     *
     * @param onClosed called once, on the reactor thread
     */
    void close(Runnable onClosed);
  }

  /** What a stream tells its transport. Every call comes from a dispatch in {@link #poll}. */
  interface StreamEvents {
    /**
     * A connect started with {@link #connect} finished.
     *
     * @param error null when connected, else why it failed
     */
    void connectCompleted(@Nullable IOException error);

    /**
     * Bytes arrived while reading is on.
     *
     * @param data a fresh array of exactly the bytes read, never empty
     */
    void dataReceived(byte[] data);

    /** The peer ended its write direction (read returned end of stream). */
    void readEOF();

    /**
     * The outbound queue is empty, after {@link Stream#flush()} returned false or after
     * {@link Stream#notifyWhenDrained()}.
     */
    void writeDrained();

    /**
     * The socket failed while reading or writing; the stream should be closed.
     *
     * @param error the cause
     */
    void failed(IOException error);
  }

  /**
   * The bytes waiting to be sent, owned by the shared transport: a backend copies from its head
   * and consumes what the socket took.
   */
  interface Outbound {
    /**
     * The bytes waiting.
     *
     * @return the count
     */
    long size();

    /**
     * Copies bytes from the head of the queue into {@code dst} without consuming them.
     *
     * @param dst the buffer, filled up to its limit or until the queue ends
     * @return how many bytes were copied
     */
    int peek(ByteBuffer dst);

    /**
     * Drops {@code n} bytes from the head: the socket took them.
     *
     * @param n at most {@link #size()}
     */
    void consume(long n);
  }

  /** A connected (or connecting) TCP socket. */
  interface Stream {
    /**
     * Registers the stream with its events and its outbound queue; reading stays off until
     * {@link #setReading}. A stream from {@link IoBackend#connect} is started already.
     *
     * @param events the receiver
     * @param outbound the bytes to send
     * @throws IOException if the stream cannot be registered
     */
    void start(StreamEvents events, Outbound outbound) throws IOException;

    /**
     * Turns delivery of {@link StreamEvents#dataReceived} and {@code readEOF} on or off.
     *
     * @param on true to read
     */
    void setReading(boolean on);

    /**
     * Sends what the socket takes now from the outbound queue, at most about 128 KiB. If bytes
     * remain, the backend keeps sending as the socket allows and calls
     * {@link StreamEvents#writeDrained()} once the queue is empty. Calls no event itself.
     *
     * @return true if the queue is empty now
     */
    boolean flush();

    /** Calls {@link StreamEvents#writeDrained()} from a later dispatch when the queue is empty. */
    void notifyWhenDrained();

    /**
     * Ends the write direction (sends a FIN) after the queue has drained.
     *
     * @throws IOException if the socket refuses
     */
    void shutdownOutput() throws IOException;

    /**
     * Closes the socket now, sending an RST instead of a FIN when {@code abort}. No event
     * follows. Idempotent.
     *
     * @param abort true to discard unsent bytes with a reset
     */
    void close(boolean abort);

    /**
     * The local address.
     *
     * @return the address
     */
    InetSocketAddress localAddress();

    /**
     * The peer's address.
     *
     * @return the address
     */
    InetSocketAddress remoteAddress();

    /**
     * Reads a socket option.
     *
     * @param <T> the option's type
     * @param option the option, such as {@code StandardSocketOptions.TCP_NODELAY}
     * @return the value
     * @throws IOException if the socket refuses
     */
    <T> T getOption(SocketOption<T> option) throws IOException;

    /**
     * Sets a socket option.
     *
     * @param <T> the option's type
     * @param option the option
     * @param value the value
     * @throws IOException if the socket refuses
     */
    <T> void setOption(SocketOption<T> option, T value) throws IOException;
  }
}
