/**
 * Services: named, nested units of start-up and shut-down work ({@code Service},
 * {@code MultiService}, {@code Application}), and the services that run network code while they
 * run ({@code StreamServerEndpointService}, {@code ClientService}, {@code TCPServer} and its
 * kin, {@code TimerService}, {@code CooperatorService}, {@code Strports}).
 *
 * @twisted twisted.application.service
 */
@NullMarked
package dev.torsion.application;

import org.jspecify.annotations.NullMarked;
