package io.busbridge.emulator.filter;

import io.busbridge.emulator.filter.SqlLexer.Kind;
import io.busbridge.emulator.filter.SqlLexer.Token;
import io.busbridge.emulator.filter.SqlPredicates.Comparison;
import io.busbridge.emulator.filter.SqlPredicates.Exists;
import io.busbridge.emulator.filter.SqlPredicates.In;
import io.busbridge.emulator.filter.SqlPredicates.Junction;
import io.busbridge.emulator.filter.SqlPredicates.IsNull;
import io.busbridge.emulator.filter.SqlPredicates.Like;
import io.busbridge.emulator.filter.SqlPredicates.Not;
import io.busbridge.emulator.filter.SqlTerms.Arithmetic;
import io.busbridge.emulator.filter.SqlTerms.Literal;
import io.busbridge.emulator.filter.SqlTerms.Negate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for the Service Bus SQL filter subset (Microsoft's "Subscription Rule SQL Filter
 * Syntax"). Hand-written because no maintained Java library implements this grammar and resolves in our build;
 * the grammar is small. Precedence, loosest first: OR, AND, NOT, predicates (comparison, [NOT] IN, [NOT] LIKE,
 * IS [NOT] NULL), + and -, * / and %, unary sign.
 */
final class SqlParser {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
    private static final Set<String> KEYWORDS =
            Set.of("AND", "OR", "NOT", "IN", "LIKE", "ESCAPE", "IS", "NULL", "EXISTS", "TRUE", "FALSE");

    private final String source;
    private final List<Token> tokens;
    private int index;

    private SqlParser(String source) {
        this.source = source;
        this.tokens = SqlLexer.tokenize(source);
    }

    static SqlNode parse(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Invalid SQL filter: the expression is empty");
        }
        SqlParser parser = new SqlParser(source);
        SqlNode condition = parser.condition(parser::or);
        if (parser.peek().kind() != Kind.END) {
            throw parser.error("expected AND, OR or the end of the expression");
        }
        return condition;
    }

    private SqlNode or() {
        return junction("OR", this::and, true);
    }

    private SqlNode and() {
        return junction("AND", this::not, false);
    }

    /**
     * {@code operand (keyword operand)*}. Operands must be conditions only when the keyword is present:
     * {@code (2 + 3) * 4} is a value in parentheses.
     */
    private SqlNode junction(String keyword, Supplier<SqlNode> operand, boolean decisive) {
        Token start = peek();
        SqlNode left = operand.get();
        while (peek().is(keyword)) {
            requireCondition(left, start);
            advance();
            left = new Junction(decisive, left, condition(operand));
        }
        return left;
    }

    private SqlNode not() {
        return accept("NOT") ? new Not(condition(this::not)) : predicate();
    }

    private SqlNode predicate() {
        SqlNode left = additive();
        if (peek().kind() == Kind.SYMBOL && COMPARISONS.contains(peek().text())) {
            String operator = advance().text();
            return new Comparison(operator, left, additive());
        }
        if (accept("IS")) {
            boolean negated = accept("NOT");
            expect("NULL");
            return new IsNull(left, negated);
        }
        boolean negated = accept("NOT");
        if (accept("IN")) {
            return new In(left, candidates(), negated);
        }
        if (accept("LIKE")) {
            return like(left, negated);
        }
        if (negated) {
            throw error("expected IN or LIKE after NOT");
        }
        return left;
    }

    private List<SqlNode> candidates() {
        expect("(");
        List<SqlNode> candidates = new ArrayList<>();
        do {
            candidates.add(additive());
        } while (accept(","));
        expect(")");
        return candidates;
    }

    private SqlNode like(SqlNode value, boolean negated) {
        Token pattern = expectString("a 'pattern' after LIKE");
        Character escape = null;
        if (accept("ESCAPE")) {
            Token escapeToken = expectString("a one-character 'string' after ESCAPE");
            if (escapeToken.text().length() != 1) {
                throw SqlLexer.syntaxError(source, escapeToken.position(), "ESCAPE takes exactly one character");
            }
            escape = escapeToken.text().charAt(0);
        }
        try {
            return new Like(value, LikePattern.compile(pattern.text(), escape), negated);
        } catch (IllegalArgumentException e) {
            throw SqlLexer.syntaxError(source, pattern.position(), e.getMessage());
        }
    }

    private SqlNode additive() {
        SqlNode left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            char operator = advance().text().charAt(0);
            left = new Arithmetic(operator, left, multiplicative());
        }
        return left;
    }

    private SqlNode multiplicative() {
        SqlNode left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            char operator = advance().text().charAt(0);
            left = new Arithmetic(operator, left, unary());
        }
        return left;
    }

    private SqlNode unary() {
        if (accept("-")) {
            return new Negate(unary());
        }
        if (accept("+")) {
            return unary();
        }
        return primary();
    }

    private SqlNode primary() {
        Token token = peek();
        if (accept("(")) {
            SqlNode inner = or();
            expect(")");
            return inner;
        }
        switch (token.kind()) {
            case STRING, NUMBER -> {
                advance();
                return new Literal(token.value());
            }
            case QUOTED_NAME -> {
                return property();
            }
            case NAME -> {
                return keywordOrProperty(token);
            }
            default -> throw error("expected a value, a property or '('");
        }
    }

    private SqlNode keywordOrProperty(Token token) {
        String word = token.text().toUpperCase(Locale.ROOT);
        switch (word) {
            case "TRUE", "FALSE" -> {
                advance();
                return new Literal(word.equals("TRUE"));
            }
            case "NULL" -> {
                advance();
                return new Literal(null);
            }
            case "EXISTS" -> {
                advance();
                expect("(");
                SqlProperty property = property();
                expect(")");
                return new Exists(property);
            }
            default -> {
                if (KEYWORDS.contains(word)) {
                    throw error("expected a value, a property or '('");
                }
                return property();
            }
        }
    }

    /** {@code [scope.]name}, where scope is {@code sys} or {@code user} (either may be [bracketed]). */
    private SqlProperty property() {
        Token first = expectName("a property name");
        if (peek().is("(")) {
            throw SqlLexer.syntaxError(source, first.position(), "function " + first.text() + "() is not supported");
        }
        if (!accept(".")) {
            return new SqlProperty(false, first.text());
        }
        Token name = expectName("a property name after '" + first.text() + ".'");
        if (first.text().equalsIgnoreCase("user")) {
            return new SqlProperty(false, name.text());
        }
        if (!first.text().equalsIgnoreCase("sys")) {
            throw SqlLexer.syntaxError(source, first.position(),
                    "unknown scope '" + first.text() + "', expected sys or user");
        }
        String systemName = SqlProperty.systemName(name.text());
        if (systemName == null) {
            throw SqlLexer.syntaxError(source, name.position(), "unknown system property sys." + name.text());
        }
        return new SqlProperty(true, systemName);
    }

    /** Parses with {@code rule} and insists the result is a condition (not, say, {@code 1 + 2}). */
    private SqlNode condition(Supplier<SqlNode> rule) {
        Token start = peek();
        return requireCondition(rule.get(), start);
    }

    private SqlNode requireCondition(SqlNode node, Token start) {
        if (!node.isCondition()) {
            throw SqlLexer.syntaxError(source, start.position(), "expected a condition, found a plain value");
        }
        return node;
    }

    private Token expectName(String what) {
        Token token = peek();
        boolean name = token.kind() == Kind.QUOTED_NAME
                || (token.kind() == Kind.NAME && !KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT)));
        if (!name) {
            throw error("expected " + what);
        }
        return advance();
    }

    private Token expectString(String what) {
        if (peek().kind() != Kind.STRING) {
            throw error("expected " + what);
        }
        return advance();
    }

    private void expect(String symbolOrKeyword) {
        if (!accept(symbolOrKeyword)) {
            throw error("expected " + (symbolOrKeyword.length() == 1 ? "'" + symbolOrKeyword + "'" : symbolOrKeyword));
        }
    }

    private boolean accept(String symbolOrKeyword) {
        if (peek().is(symbolOrKeyword)) {
            index++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        return tokens.get(index++);
    }

    private IllegalArgumentException error(String expected) {
        Token token = peek();
        return SqlLexer.syntaxError(source, token.position(), expected + " but found " + token.describe());
    }
}
