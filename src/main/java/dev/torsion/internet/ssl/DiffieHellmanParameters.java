package dev.torsion.internet.ssl;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.jspecify.annotations.Nullable;

/**
 * Finite-field Diffie-Hellman parameters for a server, from a PEM {@code DH PARAMETERS} file
 * (what {@code openssl dhparam} writes). Given to
 * {@link CertificateOptions.Builder#dhParameters}, they turn on the DHE_RSA AEAD suites, which
 * the strict defaults otherwise leave out, and every DHE handshake uses this group.
 *
 * <p>Immutable; safe to share.
 *
 * <p><b>Errors.</b> {@link #fromFile} reads and checks the file at once and throws; Twisted
 * only keeps the path and fails when a connection loads it.
 *
 * <p><b>Differences from Twisted.</b> Prefer a well-known group (RFC 7919's {@code ffdhe2048}
 * or larger, RFC 3526's): Torsion's own clients, like Bouncy Castle's, accept only those
 * (at least 2048 bits), so a freshly generated group serves other clients only. TLS 1.3 never
 * uses these parameters.
 *
 * @twisted twisted.internet.ssl.DiffieHellmanParameters
 */
public final class DiffieHellmanParameters {
  private static final int MAX_FILE_BYTES = 64 * 1024;

  private final Path dhFile;
  private final BigInteger prime;
  private final BigInteger generator;

  private DiffieHellmanParameters(Path dhFile, BigInteger prime, BigInteger generator) {
    this.dhFile = dhFile;
    this.prime = prime;
    this.generator = generator;
  }

  /**
   * Loads parameters from a PEM file.
   *
   * @param path the file, holding one {@code -----BEGIN DH PARAMETERS-----} block
   * @return the parameters
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is larger than 64 KiB or holds no valid DH
   *     parameters
   * @twisted twisted.internet.ssl.DiffieHellmanParameters.fromFile
   */
  public static DiffieHellmanParameters fromFile(Path path) throws IOException {
    if (Files.size(path) > MAX_FILE_BYTES) {
      throw new IllegalArgumentException("DH parameter file too large: " + path);
    }
    String pem = Files.readString(path, StandardCharsets.US_ASCII);
    PemObject block;
    try {
      block = firstDhBlock(pem);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed PEM in " + path, e);
    }
    if (block == null) {
      throw new IllegalArgumentException("no DH PARAMETERS block in " + path);
    }
    DHParameter params;
    try {
      params = DHParameter.getInstance(block.getContent());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed DH PARAMETERS in " + path, e);
    }
    BigInteger p = params.getP();
    BigInteger g = params.getG();
    if (p.signum() <= 0 || p.bitLength() < 1024 || g.compareTo(BigInteger.ONE) <= 0
        || g.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
      throw new IllegalArgumentException("unusable DH parameters in " + path
          + " (a prime of at least 1024 bits and 1 < g < p-1 are needed)");
    }
    return new DiffieHellmanParameters(path, p, g);
  }

  private static @Nullable PemObject firstDhBlock(String pem) throws IOException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      for (PemObject o = reader.readPemObject(); o != null; o = reader.readPemObject()) {
        if ("DH PARAMETERS".equals(o.getType())) {
          return o;
        }
      }
    }
    return null;
  }

  /** The file these parameters came from (Twisted's {@code _dhFile}). */
  Path dhFile() {
    return dhFile;
  }

  /** The group for the engine. */
  DHGroup group() {
    return new DHGroup(prime, null, generator, 0);
  }

  /**
   * The size of the prime.
   *
   * @return the bit length of p
   */
  public int bitLength() {
    return prime.bitLength();
  }

  @Override
  public String toString() {
    return "<DiffieHellmanParameters " + dhFile + " (" + bitLength() + " bits)>";
  }
}
