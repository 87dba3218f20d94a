package io.lyger.connector.internal;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MetaData;

/**
 * Encodes a response head for {@code lyger_send} (see {@code native-connector/ABI.md}): status, content length and
 * the header fields. Framing headers are left to the engine, which writes its own. Names and values are sanitised as
 * Jetty's HttpGenerator does, so that the same response is sent on both connectors: in a name, ':', control
 * characters and characters outside ISO-8859-1 become '.'; in a value, control characters (but HTAB, so CR and LF
 * too) and characters outside ISO-8859-1 become ' '. (The engine refuses CR/LF itself, as a second line of defence.)
 */
final class ResponseHeadEncoder
{
    /** Jetty's HttpFields classes, whose getField(int) is an array access (the interface's default walks the list). */
    private static final Class<?> JETTY_MUTABLE = HttpFields.build().getClass();
    private static final Class<?> JETTY_IMMUTABLE = HttpFields.build().add("a", "b").asImmutable().getClass();
    /**
     * Whether a class is Jetty's own: its field wrappers (the servlet response's) only watch what is added and removed,
     * so reading the wrapped list is reading theirs; another wrapper might show a different list, and is iterated.
     */
    private static final ClassValue<Boolean> JETTY_CLASS = new ClassValue<>()
    {
        @Override
        protected Boolean computeValue(Class<?> type)
        {
            return type.getName().startsWith("org.eclipse.jetty.");
        }
    };

    private ResponseHeadEncoder()
    {
    }

    /**
     * @param out a little-endian direct buffer; cleared, then filled from position 0
     * @param contentLength the content length to frame the body with, or -1 when unknown
     * @param extra a field to add (e.g. Connection: close), or null
     * @return the number of bytes written
     * @throws org.eclipse.jetty.http.HttpException.RuntimeException (500) when the head does not fit
     */
    static int encode(MetaData.Response response, long contentLength, ByteBuffer out, HttpField extra)
    {
        out.clear();
        try
        {
            out.putShort((short)response.getStatus());
            out.putLong(contentLength);
            int countAt = out.position();
            out.putShort((short)0);
            int count = putFields(out, response.getHttpFields(), true);
            if (extra != null)
            {
                putName(out, extra.getName());
                putValue(out, extra.getValue());
                count++;
            }
            out.putShort(countAt, (short)count);
            return out.position();
        }
        catch (BufferOverflowException x)
        {
            throw new org.eclipse.jetty.http.HttpException.RuntimeException(HttpStatus.INTERNAL_SERVER_ERROR_500, "Response header too large");
        }
    }

    /**
     * Encodes response trailer fields for {@code lyger_send_trailers}: {@code u16 count}, then the fields as in a
     * head, sanitised the same way.
     *
     * @param out a little-endian direct buffer; cleared, then filled from position 0
     * @return the number of bytes written
     * @throws org.eclipse.jetty.http.HttpException.RuntimeException (500) when the trailers do not fit
     */
    static int encodeTrailers(HttpFields trailers, ByteBuffer out)
    {
        out.clear();
        try
        {
            out.putShort((short)0);
            out.putShort(0, (short)putFields(out, trailers, false));
            return out.position();
        }
        catch (BufferOverflowException x)
        {
            throw new org.eclipse.jetty.http.HttpException.RuntimeException(HttpStatus.INTERNAL_SERVER_ERROR_500, "Response trailers too large");
        }
    }

    /**
     * @param skipFraming whether to leave out the framing fields (Content-Length, Transfer-Encoding), which the engine writes
     * @return the number of fields written
     */
    private static int putFields(ByteBuffer out, HttpFields fields, boolean skipFraming)
    {
        if (fields == null)
            return 0;
        // Jetty's own field lists (unwrapped from Jetty's Wrappers: a response's come in the servlet response's) by index,
        // without the iterator a for-each makes per response (issue 17); any other HttpFields by its iterator
        while (fields instanceof HttpFields.Mutable.Wrapper wrapper && JETTY_CLASS.get(wrapper.getClass()))
            fields = wrapper.getWrapped();
        int count = 0;
        if (fields.getClass() == JETTY_MUTABLE || fields.getClass() == JETTY_IMMUTABLE)
        {
            for (int i = 0, size = fields.size(); i < size; i++)
                count += putField(out, fields.getField(i), skipFraming);
        }
        else
        {
            for (HttpField field : fields)
                count += putField(out, field, skipFraming);
        }
        return count;
    }

    /** @return 1 if the field was written, 0 if it was a framing field left out */
    private static int putField(ByteBuffer out, HttpField field, boolean skipFraming)
    {
        HttpHeader header = field.getHeader();
        if (skipFraming && (header == HttpHeader.CONTENT_LENGTH || header == HttpHeader.TRANSFER_ENCODING))
            return 0;
        String value = field.getValue();
        if (header != null)
        {
            byte[] name = header.getBytes();
            out.putShort((short)name.length);
            out.put(name);
        }
        else
        {
            putName(out, field.getName());
        }
        putValue(out, value == null ? "" : value);
        return 1;
    }

    /** A field name: u16 length, then its characters, those not allowed in a name (':' too) as '.'. */
    private static void putName(ByteBuffer out, String name)
    {
        out.putShort((short)name.length());
        putChars(out, name, true);
    }

    /** A field value: u32 length, then its characters, those not allowed in a value as ' '. */
    private static void putValue(ByteBuffer out, String value)
    {
        out.putInt(value.length());
        putChars(out, value, false);
    }

    private static void putChars(ByteBuffer out, String s, boolean name)
    {
        byte replacement = name ? (byte)'.' : (byte)' ';
        for (int i = 0, length = s.length(); i < length; i++)
        {
            char c = s.charAt(i);
            boolean allowed = c <= 0xFF && (c > 0x1F || c == '\t') && !(name && c == ':');
            out.put(allowed ? (byte)c : replacement);
        }
    }
}
