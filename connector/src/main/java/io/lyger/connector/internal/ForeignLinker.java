package io.lyger.connector.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Downcall method handles from the JDK 22+ native linker ({@code java.lang.foreign}), reached through reflection
 * because the sources are compiled for Java 17. Reflection is only used here, once per function when
 * {@link LygerFfm} is initialised; the handles it returns are called directly, with {@code invokeExact}.
 * Only {@code long}, {@code int} and {@code void} are mapped: the ABI passes nothing else to these functions.
 */
final class ForeignLinker
{
    private final Object linker;
    private final Method downcallHandle;
    private final Method functionOf;
    private final Method functionOfVoid;
    private final Method segmentOfAddress;
    private final Object noOptions;
    private final Class<?> layoutClass;
    private final Object javaLong;
    private final Object javaInt;

    /**
     * @throws ReflectiveOperationException when this JDK has no {@code java.lang.foreign} (JDK 17-21 have it only
     * as an incubator or preview API, with other signatures)
     */
    ForeignLinker() throws ReflectiveOperationException
    {
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutClass = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> layoutArrayClass = Array.newInstance(layoutClass, 0).getClass();
        Class<?> optionArrayClass = Array.newInstance(optionClass, 0).getClass();

        linker = invoke(linkerClass.getMethod("nativeLinker"), null);
        downcallHandle = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass, optionArrayClass);
        functionOf = descriptorClass.getMethod("of", layoutClass, layoutArrayClass);
        functionOfVoid = descriptorClass.getMethod("ofVoid", layoutArrayClass);
        segmentOfAddress = segmentClass.getMethod("ofAddress", long.class);
        noOptions = Array.newInstance(optionClass, 0);
        this.layoutClass = layoutClass;
        javaLong = valueLayoutClass.getField("JAVA_LONG").get(null);
        javaInt = valueLayoutClass.getField("JAVA_INT").get(null);
    }

    /**
     * @param address the function's address in the loaded library
     * @return a handle of type {@code (params)result} calling the C function at {@code address}
     */
    MethodHandle downcall(long address, Class<?> result, Class<?>... params) throws ReflectiveOperationException
    {
        if (address == 0)
            throw new IllegalArgumentException("null function address");
        Object layouts = Array.newInstance(layoutClass, params.length);
        for (int i = 0; i < params.length; i++)
            Array.set(layouts, i, layout(params[i]));
        Object descriptor = result == void.class
            ? invoke(functionOfVoid, null, layouts)
            : invoke(functionOf, null, layout(result), layouts);
        Object function = invoke(segmentOfAddress, null, address);
        return (MethodHandle)invoke(downcallHandle, linker, function, descriptor, noOptions);
    }

    private Object layout(Class<?> type)
    {
        if (type == long.class)
            return javaLong;
        if (type == int.class)
            return javaInt;
        throw new IllegalArgumentException("no layout for " + type);
    }

    /** Method.invoke, with what the called method threw rethrown as itself rather than wrapped. */
    private static Object invoke(Method method, Object target, Object... args) throws ReflectiveOperationException
    {
        try
        {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException x)
        {
            Throwable cause = x.getCause();
            if (cause instanceof RuntimeException runtime)
                throw runtime;
            if (cause instanceof Error error)
                throw error;
            throw x;
        }
    }
}
