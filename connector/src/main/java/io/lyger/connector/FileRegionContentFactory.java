package io.lyger.connector;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.TypeUtil;
import org.eclipse.jetty.util.resource.Resource;

/**
 * Wraps a resource service's {@link HttpContent.Factory} so that regular files of at least
 * {@link FileMappings#MIN_BYTES} are written as slices of a read-only mapping of the file, which the native connector
 * sends with sendfile(2) instead of copying bytes (native-connector/README.md, "Static files"). Everything else of the
 * content (type, length, ETag, Last-Modified, precompressed variants) is the wrapped factory's, so
 * {@code ResourceService} answers ranges, HEAD, conditional requests and precompressed files exactly as before; only
 * the bytes of a body come from the mapping, the way Jetty's own {@code FileMappingHttpContentFactory} does for files
 * of 1 MiB and more. Install it only where the native connector serves: on Jetty's connector it would change nothing
 * but the buffer.
 */
public class FileRegionContentFactory implements HttpContent.Factory
{
    private final HttpContent.Factory delegate;
    /** Holds nothing of the wrapped factory's (its cache keeps its own bounds). */
    private final FileMappings mappings = new FileMappings();

    public FileRegionContentFactory(HttpContent.Factory delegate)
    {
        this.delegate = delegate;
    }

    public HttpContent.Factory getDelegate()
    {
        return delegate;
    }

    @Override
    public HttpContent getContent(String path) throws IOException
    {
        HttpContent content = delegate.getContent(path);
        if (content == null)
            return null;
        long length = content.getContentLengthValue();
        if (length < FileMappings.MIN_BYTES)
            return content;
        Resource resource = content.getResource();
        FileMappings.Mapping mapping = mappings.mapping(path, resource == null ? null : resource.getPath(), content.getLastModifiedInstant(), length);
        return mapping == null ? content : new MappedContent(content, mapping.buffer());
    }

    /** The wrapped content, its body written from the mapping. */
    private static final class MappedContent extends HttpContent.Wrapper
    {
        private final ByteBuffer mapped;

        MappedContent(HttpContent content, ByteBuffer mapped)
        {
            super(content);
            this.mapped = mapped;
        }

        @Override
        public void writeTo(Content.Sink sink, long offset, long length, Callback callback)
        {
            try
            {
                length = TypeUtil.checkOffsetLengthSize(offset, length, mapped.remaining());
                sink.write(true, BufferUtil.slice(mapped, Math.toIntExact(offset), Math.toIntExact(length)), callback);
            }
            catch (Throwable x)
            {
                callback.failed(x);
            }
        }
    }
}
