/**
 * The {@code epoll} reactor: epoll(7) through JNA, the default on Linux.
 */
@NullMarked
package dev.torsion.internet.epoll;

import org.jspecify.annotations.NullMarked;
