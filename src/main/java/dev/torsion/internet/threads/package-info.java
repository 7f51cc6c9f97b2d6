/**
 * Moving work between the reactor thread and thread pools: {@code deferToThread},
 * {@code blockingCallFromThread} and their kin, on {@link dev.torsion.internet.threads.Threads}.
 *
 * @twisted twisted.internet.threads
 */
@NullMarked
package dev.torsion.internet.threads;

import org.jspecify.annotations.NullMarked;
