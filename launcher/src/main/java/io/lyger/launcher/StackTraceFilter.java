package io.lyger.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.regex.Pattern;

/**
 * A PrintStream that drops the frame lines ({@code \tat ...}, {@code \t... 12 more}) of stack traces printed to it,
 * keeping the exception lines themselves ({@code java.lang.ClassNotFoundException: com.example.Foo},
 * {@code Caused by: ...}). The CLI puts it under the log so that a failing deployment is reported in a few readable
 * lines instead of a stack trace; {@code LYGER_DEBUG=1} turns it off.
 * <p>
 * {@link Throwable#printStackTrace(PrintStream)} prints each line with {@code println(Object)}, and slf4j-simple
 * writes each log record with {@code println(String)}: both are filtered per line.
 */
final class StackTraceFilter extends PrintStream
{
    private static final Pattern FRAME = Pattern.compile("^\\s*(at |\\.\\.\\. \\d+ (more|common frames omitted))");

    StackTraceFilter(OutputStream out, Charset charset)
    {
        super(out, true, charset);
    }

    static boolean isFrame(String line)
    {
        return line != null && FRAME.matcher(line).find();
    }

    @Override
    public void println(String line)
    {
        if (!isFrame(line))
            super.println(line);
    }

    @Override
    public void println(Object line)
    {
        String text = String.valueOf(line);
        if (!isFrame(text))
            super.println(text);
    }
}
