package org.bedflow.pipeline.ingest.validate;

import java.util.regex.Pattern;

/**
 * The NHS number check (docs/code-lists.md): 10 digits (spaces allowed in the source), Modulus
 * 11 check digit; all-same-digit numbers are invalid. Also the one masking rule for NHS
 * numbers shown to people ({@code ******1234}).
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** The 10-digit form of a valid NHS number, or null when {@code raw} is not one. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replace(" ", "").replace("-", "");
        if (digits.length() != 10) {
            return null;
        }
        int sum = 0;
        boolean allSame = true;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            allSame &= c == digits.charAt(0);
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        if (allSame || check == 10 || check != digits.charAt(9) - '0') {
            return null;
        }
        return digits;
    }

    /** {@code ******1234}: the last four characters that are digits, the rest hidden. */
    public static String mask(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[^0-9]", "");
        return "******" + (digits.length() >= 4 ? digits.substring(digits.length() - 4) : "");
    }

    private static final Pattern IN_TEXT =
            Pattern.compile("(?<![0-9])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9])");

    /** Any run of 10 digits (optionally written 3-3-4 with spaces or hyphens) in free text, masked. */
    public static String maskInText(String text) {
        if (text == null) {
            return null;
        }
        return IN_TEXT.matcher(text).replaceAll(m -> mask(m.group()));
    }
}
