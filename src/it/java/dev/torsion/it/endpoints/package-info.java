/** Endpoints on real sockets, on every reactor: hostname, TCP, UNIX and adopted endpoints. */
@NullMarked
package dev.torsion.it.endpoints;

import org.jspecify.annotations.NullMarked;
