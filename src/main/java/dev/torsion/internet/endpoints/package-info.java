/**
 * Endpoints: where to listen and where to connect (TCP, host names, UNIX sockets, adopted
 * sockets), described by objects or by strings such as {@code "tcp:8080:interface=127.0.0.1"},
 * with string parsers pluggable through {@link java.util.ServiceLoader}.
 *
 * @twisted twisted.internet.endpoints
 */
@NullMarked
package dev.torsion.internet.endpoints;

import org.jspecify.annotations.NullMarked;
