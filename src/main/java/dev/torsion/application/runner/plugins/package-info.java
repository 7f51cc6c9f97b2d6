/**
 * The plugins built into the {@code twist} runner: {@code echo}, {@code portforward} and
 * {@code chat}.
 */
@NullMarked
package dev.torsion.application.runner.plugins;

import org.jspecify.annotations.NullMarked;
