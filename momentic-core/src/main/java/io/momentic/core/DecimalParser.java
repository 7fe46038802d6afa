package io.momentic.core;

import java.math.BigInteger;

/**
 * Decimal text to the nearest double — the same value as {@link Double#parseDouble}, bit for bit,
 * several times faster on the plain decimals bar files hold ({@code 109.16129551595134},
 * {@code 1.5e-3}). A million-bar file has four million prices, and the JDK's parser was most of
 * its load time.
 *
 * <p>Up to 19 significant digits are read into a 64-bit integer w with a decimal exponent q, so
 * the text is exactly w × 10^q. If w &lt; 2^53 and |q| ≤ 22, both w and 10^|q| are exact doubles
 * and one multiplication or division rounds correctly (Clinger, 1990). Otherwise the
 * Eisel–Lemire algorithm multiplies w by a 128-bit approximation of 5^q and reads the rounded
 * mantissa from the product's top bits (Lemire, "Number Parsing at a Gigabyte per Second",
 * Software: Practice and Experience 51(8), 2021; the table and rounding as in its reference
 * implementation, fast_float). Anything else — more digits, an exponent near the ends of the
 * range, hexadecimal, {@code Infinity}, a type suffix, surrounding blanks, malformed text — goes
 * to {@link Double#parseDouble}, which then also gives the same exception.
 */
public final class DecimalParser {

  private DecimalParser() {}

  /** Exponents the table covers; outside them (and near subnormals) the JDK parses. */
  private static final int SMALLEST_POWER = -342;
  private static final int LARGEST_POWER = 308;
  private static final int FAST_MIN_Q = -300;
  private static final int FAST_MAX_Q = 300;

  /** 5^q for q in [−342, 308], normalised to [2^127, 2^128): high and low 64 bits, interleaved. */
  private static final long[] POWERS_OF_FIVE = powersOfFive();

  private static final double[] EXACT_POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};

  /** The double nearest to {@code text}, as {@link Double#parseDouble} gives it (and its exceptions). */
  public static double parse(CharSequence text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    long w = 0;
    int significant = 0; // digits in w, leading zeros not counted
    int digits = 0; // all mantissa digits seen
    int fraction = 0; // digits after the point
    boolean point = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        if (point) {
          fraction++;
        }
        if (w == 0 && c == '0') {
          continue;
        }
        if (++significant > 19) {
          return slow(text);
        }
        w = w * 10 + (c - '0');
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return slow(text);
    }
    int exponent = 0;
    if (i < n) {
      char c = text.charAt(i);
      if (c != 'e' && c != 'E') {
        return slow(text);
      }
      i++;
      boolean negativeExponent = false;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        negativeExponent = text.charAt(i) == '-';
        i++;
      }
      int start = i;
      for (; i < n; i++) {
        char d = text.charAt(i);
        if (d < '0' || d > '9' || i - start >= 6) {
          return slow(text);
        }
        exponent = exponent * 10 + (d - '0');
      }
      if (i == start) {
        return slow(text);
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (w == 0) {
      return negative ? -0.0 : 0.0;
    }
    int q = exponent - fraction;
    double value;
    if (w >>> 53 == 0 && q >= -22 && q <= 22) { // w is unsigned: 19 digits can pass 2^63
      value = q >= 0 ? w * EXACT_POWERS_OF_TEN[q] : w / EXACT_POWERS_OF_TEN[-q];
    } else {
      if (q < FAST_MIN_Q || q > FAST_MAX_Q) {
        return slow(text);
      }
      long bits = eiselLemire(w, q);
      if (bits < 0) {
        return slow(text);
      }
      value = Double.longBitsToDouble(bits);
    }
    return negative ? -value : value;
  }

  private static double slow(CharSequence text) {
    return Double.parseDouble(text.toString());
  }

  /**
   * The bits of the double nearest to w × 10^q (w &gt; 0, exact), or −1 when the product cannot
   * settle the rounding (then the JDK parses).
   */
  private static long eiselLemire(long w, int q) {
    int lz = Long.numberOfLeadingZeros(w);
    w <<= lz;
    int index = 2 * (q - SMALLEST_POWER);
    long high = Math.unsignedMultiplyHigh(w, POWERS_OF_FIVE[index]);
    long low = w * POWERS_OF_FIVE[index];
    if ((high & 0x1FF) == 0x1FF) { // the 55 bits read below may take a carry from further down
      long secondHigh = Math.unsignedMultiplyHigh(w, POWERS_OF_FIVE[index + 1]);
      low += secondHigh;
      if (Long.compareUnsigned(secondHigh, low) > 0) {
        high++;
      }
    }
    if (low == -1L && (q < -27 || q > 55)) {
      return -1; // the truncated product might be just below a halfway point
    }
    int upperBit = (int) (high >>> 63);
    int shift = upperBit + 64 - 52 - 3;
    long mantissa = high >>> shift;
    int power2 = ((217706 * q) >> 16) + 63 + upperBit - lz + 1023;
    if (power2 <= 0 || power2 >= 0x7FE) {
      return -1; // subnormal or overflowing: the JDK's
    }
    // Exactly halfway between two doubles (only possible where 5^q is exact): round to even.
    if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
        && (mantissa << shift) == high) {
      mantissa &= ~1L;
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if (mantissa >= (2L << 52)) {
      mantissa = 1L << 52;
      power2++;
    }
    mantissa &= ~(1L << 52); // power2 is now at most 0x7FE: finite
    return mantissa | ((long) power2 << 52);
  }

  /**
   * The table of fast_float's generator: for q ≥ 0, 5^q shifted into [2^127, 2^128) and truncated;
   * for q &lt; 0, ⌊2^b / 5^−q⌋ + 1 with b = z + 127 (5^−q ≤ 2^z, q ≥ −27) or b = 2z + 128 (then
   * truncated into 128 bits), z the least power of two not below 5^−q.
   */
  private static long[] powersOfFive() {
    long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
    BigInteger five = BigInteger.valueOf(5);
    BigInteger top = BigInteger.ONE.shiftLeft(128);
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
      BigInteger c;
      if (q < 0) {
        BigInteger power = five.pow(-q);
        int z = power.subtract(BigInteger.ONE).bitLength(); // least z with 2^z >= power
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
        int excess = c.bitLength() - 128;
        if (excess > 0) {
          c = c.shiftRight(excess);
        }
      } else {
        c = five.pow(q);
        int bits = c.bitLength();
        c = bits <= 128 ? c.shiftLeft(128 - bits) : c.shiftRight(bits - 128);
      }
      if (c.compareTo(top) >= 0 || c.bitLength() != 128) {
        throw new IllegalStateException("power of five table: 5^" + q + " does not fill 128 bits");
      }
      int index = 2 * (q - SMALLEST_POWER);
      table[index] = c.shiftRight(64).longValue();
      table[index + 1] = c.and(mask).longValue();
    }
    return table;
  }
}
