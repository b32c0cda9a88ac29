package io.busbridge.emulator.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL filter into tokens: names, [delimited] and "quoted" names, 'strings', numbers and symbols. */
final class SqlLexer {

    enum Kind { NAME, QUOTED_NAME, STRING, NUMBER, SYMBOL, END }

    /** One token; {@code position} is 1-based, as shown in error messages. */
    record Token(Kind kind, String text, Object value, int position) {

        /** Whether this is the given symbol, or the given keyword (keywords ignore case; quoted names never are). */
        boolean is(String symbolOrKeyword) {
            return switch (kind) {
                case SYMBOL -> text.equals(symbolOrKeyword);
                case NAME -> text.equalsIgnoreCase(symbolOrKeyword);
                default -> false;
            };
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case STRING -> "string '" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private static final List<String> SYMBOLS =
            List.of("<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", "+", "-", "*", "/", "%");

    private final String source;
    private int index;

    private SqlLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        SqlLexer lexer = new SqlLexer(source);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    static IllegalArgumentException syntaxError(String source, int position, String problem) {
        return new IllegalArgumentException(
                "Invalid SQL filter at position " + position + ": " + problem + " in: " + source);
    }

    private Token next() {
        while (index < source.length() && Character.isWhitespace(source.charAt(index))) {
            index++;
        }
        int start = index;
        if (index == source.length()) {
            return new Token(Kind.END, "", null, start + 1);
        }
        char c = source.charAt(index);
        if (Character.isLetter(c) || c == '_') {
            while (index < source.length() && isNamePart(source.charAt(index))) {
                index++;
            }
            return new Token(Kind.NAME, source.substring(start, index), null, start + 1);
        }
        if (Character.isDigit(c)) {
            return number(start);
        }
        return switch (c) {
            case '\'' -> quoted(start, '\'', Kind.STRING, "string");
            case '"' -> quoted(start, '"', Kind.QUOTED_NAME, "quoted name");
            case '[' -> quoted(start, ']', Kind.QUOTED_NAME, "[name]");
            default -> symbol(start);
        };
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Integers become Long; a decimal point or exponent makes a Double. */
    private Token number(int start) {
        skipDigits();
        boolean decimal = false;
        if (index + 1 < source.length() && source.charAt(index) == '.' && Character.isDigit(source.charAt(index + 1))) {
            index++;
            skipDigits();
            decimal = true;
        }
        if (index < source.length() && (source.charAt(index) == 'e' || source.charAt(index) == 'E')) {
            index++;
            if (index < source.length() && (source.charAt(index) == '+' || source.charAt(index) == '-')) {
                index++;
            }
            if (index == source.length() || !Character.isDigit(source.charAt(index))) {
                throw syntaxError(source, index + 1, "expected the digits of an exponent");
            }
            skipDigits();
            decimal = true;
        }
        String text = source.substring(start, index);
        if (decimal) {
            return new Token(Kind.NUMBER, text, Double.parseDouble(text), start + 1);
        }
        try {
            return new Token(Kind.NUMBER, text, Long.parseLong(text), start + 1);
        } catch (NumberFormatException e) {
            throw syntaxError(source, start + 1, "integer " + text + " does not fit in 64 bits");
        }
    }

    private void skipDigits() {
        while (index < source.length() && Character.isDigit(source.charAt(index))) {
            index++;
        }
    }

    /** A run up to {@code close}; the closing character doubled stands for itself ('it''s', [a]]b]). */
    private Token quoted(int start, char close, Kind kind, String what) {
        StringBuilder text = new StringBuilder();
        index++;
        while (index < source.length()) {
            char c = source.charAt(index++);
            if (c != close) {
                text.append(c);
            } else if (index < source.length() && source.charAt(index) == close) {
                text.append(close);
                index++;
            } else {
                return new Token(kind, text.toString(), text.toString(), start + 1);
            }
        }
        throw syntaxError(source, start + 1, "unterminated " + what + ", expected a closing " + close);
    }

    private Token symbol(int start) {
        for (String symbol : SYMBOLS) {
            if (source.startsWith(symbol, start)) {
                index += symbol.length();
                return new Token(Kind.SYMBOL, symbol, null, start + 1);
            }
        }
        throw syntaxError(source, start + 1, "unexpected character '" + source.charAt(start) + "'");
    }
}
