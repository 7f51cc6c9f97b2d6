/**
 * TLS as a protocol wrapper: {@link dev.torsion.protocols.tls.TLSMemoryBIOProtocol} runs Bouncy
 * Castle's non-blocking TLS engine between any transport and any protocol.
 *
 * @twisted twisted.protocols.tls
 */
@NullMarked
package dev.torsion.protocols.tls;

import org.jspecify.annotations.NullMarked;
