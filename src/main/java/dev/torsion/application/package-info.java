/**
 * Services: named, nested units of start-up and shut-down work ({@code Service},
 * {@code MultiService}, {@code Application}, {@code TimerService}).
 *
 * @twisted twisted.application.service
 */
@NullMarked
package dev.torsion.application;

import org.jspecify.annotations.NullMarked;
