package dev.torsion.internal.transport;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.ILoggingContext;
import dev.torsion.internet.interfaces.IProducer;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.protocols.tls.TLSMemoryBIOFactory;
import dev.torsion.protocols.tls.TLSMemoryBIOProtocol;

/**
 * The transport a {@link StreamTransport}'s TLS layer writes its records to, after
 * {@code startTLS}: Twisted's {@code _BypassTLS}. Once TLS has started, the stream transport
 * sends the protocol's calls to the TLS layer; the TLS layer's own calls must reach the socket,
 * so this view sends them to the stream transport's raw methods, and everything else
 * (addresses, socket options, reading flow control) to the stream transport itself.
 */
final class TlsBypass implements ITCPTransport, ILoggingContext {
  private final StreamTransport connection;

  private TlsBypass(StreamTransport connection) {
    this.connection = connection;
  }

  /**
   * The TLS layer for {@code app}, already connected to {@code connection}: not yet connected
   * to the socket (the caller swaps it in as the stream's protocol, then calls
   * {@link #connect}).
   */
  static TLSMemoryBIOProtocol layer(ITLSConnectionCreator creator, boolean client,
      IProtocol app, IReactorTime clock) {
    // Twisted gives the factory no wrapped factory: ALPN comes from the creator alone.
    Factory none = new Factory();
    none.setNoisy(false);
    TLSMemoryBIOFactory factory = new TLSMemoryBIOFactory(creator, client, none, clock);
    return new TLSMemoryBIOProtocol(factory, app, false);
  }

  /** Connects {@code layer} to {@code connection}'s socket; a client sends its ClientHello. */
  static void connect(TLSMemoryBIOProtocol layer, StreamTransport connection) {
    layer.makeConnection(new TlsBypass(connection));
  }

  @Override
  public void write(byte[] data) {
    connection.rawWrite(data);
  }

  @Override
  public void writeSequence(Iterable<byte[]> data) {
    connection.rawWriteSequence(data);
  }

  @Override
  public void loseConnection() {
    connection.rawLoseConnection();
  }

  @Override
  public void loseWriteConnection() {
    connection.rawLoseWriteConnection();
  }

  @Override
  public void abortConnection() {
    connection.rawAbortConnection();
  }

  @Override
  public boolean disconnecting() {
    return connection.rawDisconnecting();
  }

  @Override
  public void registerProducer(IProducer producer, boolean streaming) {
    connection.rawRegisterProducer(producer, streaming);
  }

  @Override
  public void unregisterProducer() {
    connection.rawUnregisterProducer();
  }

  @Override
  public void pauseProducing() {
    connection.pauseProducing();
  }

  @Override
  public void resumeProducing() {
    connection.resumeProducing();
  }

  @Override
  public void stopProducing() {
    connection.rawLoseConnection();
  }

  @Override
  public IAddress getPeer() {
    return connection.getPeer();
  }

  @Override
  public IAddress getHost() {
    return connection.getHost();
  }

  @Override
  public boolean getTcpNoDelay() {
    return connection.getTcpNoDelay();
  }

  @Override
  public void setTcpNoDelay(boolean enabled) {
    connection.setTcpNoDelay(enabled);
  }

  @Override
  public boolean getTcpKeepAlive() {
    return connection.getTcpKeepAlive();
  }

  @Override
  public void setTcpKeepAlive(boolean enabled) {
    connection.setTcpKeepAlive(enabled);
  }

  @Override
  public String logPrefix() {
    return connection.logPrefix();
  }

  @Override
  public String toString() {
    return "<TlsBypass of " + connection + ">";
  }
}
