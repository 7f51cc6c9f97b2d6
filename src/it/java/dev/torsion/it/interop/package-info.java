/**
 * Interop with the real Twisted: Torsion clients and servers against Twisted's, over loopback,
 * with {@code /usr/bin/python3} and python3-twisted running the other side.
 */
@NullMarked
package dev.torsion.it.interop;

import org.jspecify.annotations.NullMarked;
