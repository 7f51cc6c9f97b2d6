/**
 * Internals of {@code internet.defer}: debug records, unhandled-error tracking, future adapters,
 * the waiter queue behind locks, semaphores and queues, the filesystem lock, and the fibers that
 * run {@code inlineCallbacks} bodies.
 */
@NullMarked
package dev.torsion.internal.defer;

import org.jspecify.annotations.NullMarked;
