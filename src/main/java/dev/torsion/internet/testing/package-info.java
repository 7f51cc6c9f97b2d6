/**
 * Test doubles for protocols and reactors, and an in-memory network: {@code StringTransport},
 * {@code MemoryReactor}, {@code MemoryReactorClock}, and the {@code IOSim} pump that joins two
 * protocols without sockets.
 *
 * @twisted twisted.internet.testing
 */
@NullMarked
package dev.torsion.internet.testing;

import org.jspecify.annotations.NullMarked;
