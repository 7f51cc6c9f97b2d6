package dev.torsion.protocols.policies;

/** Python's {@code repr} of bytes, so traffic logs read as Twisted's do. */
final class PyRepr {
  private PyRepr() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static void bytes(StringBuilder out, byte[] data, int length, String suffix) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < length; i++) {
      single |= data[i] == '\'';
      dbl |= data[i] == '"';
    }
    char quote = single && !dbl ? '"' : '\'';
    out.append('b').append(quote);
    for (int i = 0; i < length; i++) {
      int c = data[i] & 0xff;
      if (c == quote || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append((char) c);
      }
    }
    out.append(suffix).append(quote);
  }
}
