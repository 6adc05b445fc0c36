package org.bedflow.sample;

/**
 * Synthetic NHS numbers with a valid Modulus 11 check digit (docs/code-lists.md), allocated from the
 * 999 test range. Numbers are drawn from a fixed permutation of the range so that consecutive
 * persons do not get consecutive numbers, with no table of issued numbers held in memory.
 * The 999 range holds about 909,000 valid numbers; very large runs (more persons than that)
 * continue in 998, 997, ... down to 900, which are not issued to patients in England either.
 */
final class NhsNumbers {

    private static final long SUFFIXES = 1_000_000L;
    private static final long MULTIPLIER = 7_919L; // prime, coprime with 10^6: a bijection of the suffixes
    private static final long OFFSET = 123_457L;

    private long candidate;

    /** The next unused valid number, as 10 digits without spaces. */
    String next() {
        while (true) {
            long block = candidate / SUFFIXES;
            long prefix = 999 - block;
            if (prefix < 900) {
                throw new IllegalStateException("more persons than the synthetic NHS number ranges 900-999 hold");
            }
            long suffix = ((candidate % SUFFIXES) * MULTIPLIER + OFFSET) % SUFFIXES;
            candidate++;
            long nine = prefix * SUFFIXES + suffix;
            int check = checkDigit(nine);
            if (check < 0) {
                continue;
            }
            String number = String.valueOf(nine * 10 + check);
            if (!allSameDigit(number)) {
                return number;
            }
        }
    }

    /** Modulus 11 check digit of a 9-digit number, or -1 when the check would be 10 (no valid number). */
    static int checkDigit(long nineDigits) {
        int sum = 0;
        long rest = nineDigits;
        for (int weight = 2; weight <= 10; weight++) {
            sum += (int) (rest % 10) * weight;
            rest /= 10;
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    /** True for 10 digits (spaces ignored) with the right check digit, not all the same digit. */
    static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        String digits = text.replace(" ", "");
        if (digits.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        if (allSameDigit(digits)) {
            return false;
        }
        int check = checkDigit(Long.parseLong(digits.substring(0, 9)));
        return check == digits.charAt(9) - '0';
    }

    /** The same number with a wrong check digit: the kind of keying error a real extract carries. */
    static String corrupt(String valid, Rng rng) {
        int check = valid.charAt(9) - '0';
        int wrong = (check + 1 + rng.nextInt(9)) % 10;
        return valid.substring(0, 9) + wrong;
    }

    /** "9991234567" as "999 123 4567", the way some systems print it. */
    static String spaced(String number) {
        return number.substring(0, 3) + ' ' + number.substring(3, 6) + ' ' + number.substring(6);
    }

    /** Masked for logs and reports: only the last four digits shown. */
    static String mask(String number) {
        String digits = number == null ? "" : number.replace(" ", "");
        return digits.length() < 4 ? "******" : "******" + digits.substring(digits.length() - 4);
    }

    private static boolean allSameDigit(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
