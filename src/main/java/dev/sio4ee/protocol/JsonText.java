package dev.sio4ee.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON-P plumbing of the codec: a cached provider, a strict parser for untrusted text, and a writer producing the
 * same text as JavaScript's {@code JSON.stringify}. Package-private.
 */
final class JsonText {

    /** Deepest nesting of arrays and objects accepted in a received payload. */
    static final int MAX_DEPTH = 1000;

    private JsonText() {
    }

    /** Lazily looked-up provider and factories (the service lookup is expensive, so it is done once). */
    private static final class Holder {
        static final JsonProvider PROVIDER = JsonProvider.provider();
        static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
        static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    }

    static JsonProvider provider() {
        return Holder.PROVIDER;
    }

    static JsonArrayBuilder arrayBuilder() {
        return Holder.BUILDERS.createArrayBuilder();
    }

    static JsonObjectBuilder objectBuilder() {
        return Holder.BUILDERS.createObjectBuilder();
    }

    /**
     * Parses the JSON text {@code s.substring(from)}: exactly one value, surrounded by optional whitespace.
     *
     * @throws ProtocolException if the text is not a single valid JSON value, or is nested too deeply
     */
    static JsonValue parse(String s, int from) throws ProtocolException {
        checkDepth(s, from);
        try (JsonParser parser = Holder.PARSERS.createParser(new StringReader(s.substring(from)))) {
            if (!parser.hasNext()) {
                throw new ProtocolException("invalid payload: no JSON value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new ProtocolException("invalid payload: unexpected data after the JSON value");
            }
            return value;
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, NumberFormatException, limits of the implementation, ...
            throw new ProtocolException("invalid payload: malformed JSON (" + e.getMessage() + ")", e);
        }
    }

    /** Rejects text nesting arrays/objects deeper than {@link #MAX_DEPTH}, whatever the JSON-P implementation. */
    private static void checkDepth(String s, int from) throws ProtocolException {
        int depth = 0;
        boolean inString = false;
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    throw new ProtocolException("invalid payload: nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    /** The JSON text of a value, as {@code JSON.stringify} would write it. */
    static String stringify(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    static void write(StringBuilder sb, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeString(sb, e.getKey());
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JsonValue v : (JsonArray) value) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, v);
                }
                sb.append(']');
            }
            case STRING -> writeString(sb, ((JsonString) value).getString());
            case NUMBER -> writeNumber(sb, ((JsonNumber) value).bigDecimalValue());
            case TRUE -> sb.append("true");
            case FALSE -> sb.append("false");
            default -> sb.append("null");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Quotes a string like {@code JSON.stringify}: only {@code "}, {@code \}, controls and lone surrogates escaped. */
    static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(sb, c); // lone surrogate, as in well-formed JSON.stringify
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }

    /**
     * Writes a number the way JavaScript prints one: no trailing zeros, plain notation for exponents -6 to 20,
     * otherwise {@code 1.5e+21} / {@code 1e-7}. Never expands a huge exponent into digits.
     */
    static void writeNumber(StringBuilder sb, BigDecimal number) {
        if (number.scale() <= 0 && number.precision() - number.scale() <= 18) {
            sb.append(number.longValue()); // a whole number below 10^18: its digits, as JSON.stringify prints them
            return;
        }
        if (number.signum() == 0) {
            sb.append('0');
            return;
        }
        BigDecimal bd = number.stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int len = digits.length();
        long exp = (long) len - 1 - bd.scale(); // decimal exponent of the leading digit
        if (bd.signum() < 0) {
            sb.append('-');
        }
        if (exp >= 21 || exp <= -7) {
            sb.append(digits.charAt(0));
            if (len > 1) {
                sb.append('.').append(digits, 1, len);
            }
            sb.append('e').append(exp >= 0 ? '+' : '-').append(Math.abs(exp));
        } else if (bd.scale() <= 0) {
            sb.append(digits);
            sb.append("0".repeat(-bd.scale()));
        } else if (exp >= 0) {
            int intDigits = (int) exp + 1;
            sb.append(digits, 0, intDigits).append('.').append(digits, intDigits, len);
        } else {
            sb.append("0.").append("0".repeat((int) -exp - 1)).append(digits);
        }
    }
}
