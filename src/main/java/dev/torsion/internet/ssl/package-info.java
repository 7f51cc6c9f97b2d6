/**
 * TLS configuration: certificates and keys, trust roots, and the options objects that the TLS
 * wrapper ({@code dev.torsion.protocols.tls}) asks for each connection; strict by default.
 *
 * @twisted twisted.internet.ssl
 */
@NullMarked
package dev.torsion.internet.ssl;

import org.jspecify.annotations.NullMarked;
