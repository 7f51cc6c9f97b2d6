package dev.torsion.internet.testing;

import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.protocol.ClientFactory;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * One call to {@code connectSSL} on a {@link MemoryReactor}.
 *
 * @param host the host given
 * @param port the port given
 * @param factory the factory given
 * @param contextFactory the connection creator given
 * @param timeout the timeout given, in seconds
 * @param bindAddress the bind address given, or null
 * @twisted twisted.internet.testing.MemoryReactor.sslClients
 */
public record MemoryReactorSslClient(String host, int port, ClientFactory factory,
    ITLSConnectionCreator contextFactory, double timeout,
    @Nullable InetSocketAddress bindAddress) {}
