/**
 * The {@code poll} reactor: poll(2) through JNA, the Linux fallback when epoll is refused.
 */
@NullMarked
package dev.torsion.internet.poll;

import org.jspecify.annotations.NullMarked;
