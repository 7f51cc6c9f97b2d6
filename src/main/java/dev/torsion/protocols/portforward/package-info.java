/**
 * A TCP port forwarder: {@link dev.torsion.protocols.portforward.ProxyFactory} accepts
 * connections and relays each, with flow control both ways, to a fixed host and port.
 *
 * @twisted twisted.protocols.portforward
 */
@NullMarked
package dev.torsion.protocols.portforward;

import org.jspecify.annotations.NullMarked;
