/**
 * Choosing, installing and building reactors, and the contract every reactor's I/O backend
 * fulfils.
 *
 * <h2>The backend contract</h2>
 * A reactor is one shared loop core (timers, the thread-call queue, system event triggers, the
 * thread pool, name resolution) holding one small {@link dev.torsion.internet.reactor.IoBackend}
 * by composition. A backend supplies, and only supplies:
 * <ol>
 *   <li>{@code poll(timeout)}: wait for I/O up to the timeout and dispatch what is ready (or
 *       completed), on the calling thread, which is the reactor thread;</li>
 *   <li>{@code wakeUp()}: the one thread-safe method, making a waiting {@code poll} return;</li>
 *   <li>the stream-socket primitives the shared TCP transport is written against;</li>
 *   <li>{@code close()}: release every native resource, once.</li>
 * </ol>
 *
 * @twisted twisted.internet.base
 */
@NullMarked
package dev.torsion.internet.reactor;

import org.jspecify.annotations.NullMarked;
