package io.lyger.launcher.container;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The types an {@code env-entry} may have (Jakarta EE, {@code env-entry-type}: the boxed primitives and
 * {@code String}), by simple or qualified name, and the parsing of a value into one.
 */
final class EnvEntryType
{
    private static final Map<String, Function<String, Object>> PARSERS = Map.of(
        "String", text -> text,
        "Integer", Integer::valueOf,
        "Long", Long::valueOf,
        "Short", Short::valueOf,
        "Byte", Byte::valueOf,
        "Double", Double::valueOf,
        "Float", Float::valueOf,
        "Boolean", EnvEntryType::parseBoolean,
        "Character", EnvEntryType::parseCharacter);

    private EnvEntryType()
    {
    }

    /**
     * @param type {@code Integer} or {@code java.lang.Integer}, ...
     * @throws IllegalArgumentException for an unknown type or a value that is not one of it
     */
    static Object parse(String type, String text)
    {
        String simple = type.startsWith("java.lang.") ? type.substring("java.lang.".length()) : type;
        Function<String, Object> parser = PARSERS.get(simple);
        if (parser == null)
            throw new IllegalArgumentException("type '" + type + "' is neither DataSource nor an env-entry type (String, Integer, Long, Short, Byte, Double, Float, Boolean, Character)");
        try
        {
            return parser.apply(text);
        }
        catch (IllegalArgumentException x)
        {
            throw new IllegalArgumentException("'" + text + "' is not a " + simple, x);
        }
    }

    private static Object parseBoolean(String text)
    {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false"))
            throw new IllegalArgumentException(text);
        return Boolean.valueOf(lower);
    }

    private static Object parseCharacter(String text)
    {
        if (text.length() != 1)
            throw new IllegalArgumentException(text);
        return text.charAt(0);
    }
}
