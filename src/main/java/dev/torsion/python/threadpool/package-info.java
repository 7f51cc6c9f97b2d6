/**
 * A thread pool for blocking work, as the reactor uses it.
 *
 * @twisted twisted.python.threadpool
 */
@NullMarked
package dev.torsion.python.threadpool;

import org.jspecify.annotations.NullMarked;
