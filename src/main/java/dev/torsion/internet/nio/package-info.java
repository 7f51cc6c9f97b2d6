/**
 * The portable reactor, on {@link java.nio.channels.Selector}: runs wherever the JDK does.
 *
 * @twisted twisted.internet.selectreactor
 */
@NullMarked
package dev.torsion.internet.nio;

import org.jspecify.annotations.NullMarked;
