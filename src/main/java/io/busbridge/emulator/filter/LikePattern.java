package io.busbridge.emulator.filter;

import java.util.regex.Pattern;

/** Turns a LIKE pattern into a regular expression: {@code %} is any run, {@code _} any one character. */
final class LikePattern {

    private LikePattern() {
    }

    /** @throws IllegalArgumentException when the pattern ends with a lone escape character */
    static Pattern compile(String like, Character escape) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (escape != null && c == escape) {
                if (++i == like.length()) {
                    throw new IllegalArgumentException("the LIKE pattern ends with its ESCAPE character");
                }
                literal.append(like.charAt(i));
            } else if (c == '%' || c == '_') {
                flush(literal, regex);
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(literal, regex);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void flush(StringBuilder literal, StringBuilder regex) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
