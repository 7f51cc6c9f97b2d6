package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;

/**
 * One call to {@code listenSSL} on a {@link MemoryReactor}.
 *
 * @param port the port asked for
 * @param factory the factory given
 * @param contextFactory the connection creator given
 * @param backlog the backlog given
 * @param iface the interface given
 * @twisted twisted.internet.testing.MemoryReactor.sslServers
 */
public record MemoryReactorSslServer(int port, IProtocolFactory factory,
    ITLSConnectionCreator contextFactory, int backlog, String iface) {}
