package dev.torsion.internet.endpoints;

import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DiffieHellmanParameters;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.ssl.TrustRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the PEM files the {@code ssl:} and {@code tls:} descriptions name. */
final class TlsFiles {
  /** PEM files are small; a bigger file is a mistake, not a certificate. */
  static final long MAX_PEM_BYTES = 1 << 20;
  /** Bounds the work a trust directory can cause. */
  static final int MAX_TRUST_FILES = 10_000;

  private static final Pattern CERT_BLOCK = Pattern.compile(
      "-----BEGIN CERTIFICATE-----\\r?\\n.+?\\r?\\n-----END CERTIFICATE-----", Pattern.DOTALL);

  private TlsFiles() {}

  static CertificateOptions serverOptions(String keyPath, String certPath,
      @Nullable String chainPath, @Nullable String dhPath) {
    PrivateCertificate pc = PrivateCertificate.fromCertificateAndKeyPair(
        Certificate.loadPEM(read(certPath)), KeyPair.loadPEM(read(keyPath)));
    CertificateOptions.Builder b = CertificateOptions.builder()
        .privateKey(pc.privateKey()).certificate(pc);
    if (chainPath != null) {
      b.extraCertChain(chain(chainPath));
    }
    if (dhPath != null) {
      try {
        b.dhParameters(DiffieHellmanParameters.fromFile(Path.of(dhPath)));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read dhParameters '" + dhPath + "': " + e, e);
      }
    }
    return b.build();
  }

  /** The certificates of a chain file, in the file's order; at least one. */
  static List<Certificate> chain(String chainPath) {
    Matcher m = CERT_BLOCK.matcher(read(chainPath));
    List<Certificate> out = new ArrayList<>();
    while (m.find()) {
      out.add(Certificate.loadPEM(m.group()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("Specified chain file '" + chainPath
          + "' doesn't contain any valid certificates in PEM format.");
    }
    return out;
  }

  static ITLSConnectionCreator clientOptions(String hostname, @Nullable String trustDir,
      @Nullable String certPath, @Nullable String keyPath, boolean insecure) {
    PrivateCertificate client = clientCertificate(certPath, keyPath);
    if (insecure) {
      CertificateOptions.Builder b = CertificateOptions.builder()
          .insecurelySkipPeerVerification();
      if (client != null) {
        b.privateKey(client.privateKey()).certificate(client);
      }
      return b.build();
    }
    TrustRoot trust = trustDir == null ? null : trustRootFromDirectory(Path.of(trustDir));
    return SSL.optionsForClientTLS(hostname, trust, client, List.of(), null);
  }

  static @Nullable PrivateCertificate clientCertificate(@Nullable String certPath,
      @Nullable String keyPath) {
    if (certPath == null) {
      if (keyPath != null) {
        throw new IllegalArgumentException("a private key was given without its certificate");
      }
      return null;
    }
    String certPem = read(certPath);
    if (keyPath == null) {
      return PrivateCertificate.loadPEM(certPem);
    }
    return PrivateCertificate.fromCertificateAndKeyPair(Certificate.loadPEM(certPem),
        KeyPair.loadPEM(read(keyPath)));
  }

  /**
   * The certificates of the {@code .pem} files (any case) of a directory, as Twisted's
   * {@code _loadCAsFromDir}: unreadable or invalid files are skipped, duplicates count once.
   */
  static TrustRoot trustRootFromDirectory(Path dir) {
    Map<String, Certificate> found = new LinkedHashMap<>();
    int seen = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".pem") || ++seen > MAX_TRUST_FILES) {
          continue;
        }
        try {
          Certificate c = Certificate.loadPEM(readBounded(child));
          found.putIfAbsent(c.digest("SHA-256"), c);
        } catch (IOException | CertificateError e) {
          // As Twisted: an unreadable or invalid file is not an authority, and not fatal.
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the trust directory '" + dir + "': " + e,
          e);
    }
    return SSL.trustRootFromCertificates(new ArrayList<>(found.values()));
  }

  static String read(String path) {
    try {
      return readBounded(Path.of(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + path + "': " + e, e);
    }
  }

  private static String readBounded(Path p) throws IOException {
    if (Files.size(p) > MAX_PEM_BYTES) {
      throw new IOException(p + " is larger than " + MAX_PEM_BYTES + " bytes");
    }
    // PEM is ASCII; ISO-8859-1 decodes any byte, so a stray one fails in the PEM parser.
    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
  }
}
