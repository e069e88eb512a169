package dev.sio4ee.server;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** JSON-P helpers with one cached provider (looking the provider up is costly). */
final class Jsons {
    private Jsons() {
    }

    private static final class Holder {
        static final JsonProvider PROVIDER = JsonProvider.provider();
    }

    static JsonObjectBuilder object() {
        return Holder.PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return Holder.PROVIDER.createArrayBuilder();
    }

    static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : Holder.PROVIDER.createValue(s);
    }

    static String string(JsonObject o, String key, String fallback) {
        JsonValue v = o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : fallback;
    }
}
