/**
 * Joins a server protocol and a client protocol in memory, or over real loopback sockets, so a
 * protocol can be tested against its peer without a network.
 *
 * @twisted twisted.protocols.loopback
 */
@NullMarked
package dev.torsion.protocols.loopback;

import org.jspecify.annotations.NullMarked;
