/** TLS over real loopback sockets, on every reactor. */
@NullMarked
package dev.torsion.it.tls;

import org.jspecify.annotations.NullMarked;
