/**
 * Basic stream protocols: line-based ({@link dev.torsion.protocols.basic.LineReceiver}),
 * length-prefixed ({@link dev.torsion.protocols.basic.Int32StringReceiver} and kin),
 * netstrings, and a pull producer that sends a stream to a consumer.
 *
 * @twisted twisted.protocols.basic
 */
@NullMarked
package dev.torsion.protocols.basic;

import org.jspecify.annotations.NullMarked;
