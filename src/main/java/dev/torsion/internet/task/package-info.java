/**
 * Scheduling utilities: {@code Clock}, {@code LoopingCall}, {@code Cooperator}, {@code deferLater}.
 *
 * @twisted twisted.internet.task
 */
@NullMarked
package dev.torsion.internet.task;

import org.jspecify.annotations.NullMarked;
