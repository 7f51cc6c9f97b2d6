/**
 * The {@code twist} runner: runs a service, described by a plugin and its command-line options,
 * on the reactor of the user's choice until Ctrl-C or SIGTERM (docs/runner.md).
 */
@NullMarked
package dev.torsion.application.runner;

import org.jspecify.annotations.NullMarked;
