/**
 * The stream transport shared by every reactor: connection lifecycle, write queue, producers,
 * half-close, listening ports and connectors, written against the
 * {@link dev.torsion.internet.reactor.IoBackend} primitives only.
 */
@NullMarked
package dev.torsion.internal.transport;

import org.jspecify.annotations.NullMarked;
