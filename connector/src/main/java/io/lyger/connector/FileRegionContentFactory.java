package io.lyger.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lyger.connector.internal.FileRegions;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.TypeUtil;
import org.eclipse.jetty.util.resource.Resource;

/**
 * Wraps a resource service's {@link HttpContent.Factory} so that regular files of at least
 * {@link FileRegions#MIN_BYTES} are written as slices of a read-only mapping of the file, which the native connector
 * sends with sendfile(2) instead of copying bytes (native-connector/README.md, "Static files"). Everything else of the
 * content (type, length, ETag, Last-Modified, precompressed variants) is the wrapped factory's, so
 * {@code ResourceService} answers ranges, HEAD, conditional requests and precompressed files exactly as before; only
 * the bytes of a body come from the mapping, the way Jetty's own {@code FileMappingHttpContentFactory} does for files
 * of 1 MiB and more. Install it only where the native connector serves: on Jetty's connector it would change nothing
 * but the buffer.
 */
public class FileRegionContentFactory implements HttpContent.Factory
{
    /** Most mappings kept for reuse (a bound, not a cache policy: past it they are all let go). */
    private static final int MAX_KEPT = 1024;
    private final HttpContent.Factory delegate;
    /**
     * The last mapping made for each path, reused while the wrapped factory answers with the very same content (its
     * cache, which decides when a file changed): a mapping per response only where nothing below caches.
     */
    private final Map<String, MappedContent> kept = new ConcurrentHashMap<>();

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
        MappedContent known = kept.get(path);
        if (known != null && known.content == content)
            return known;
        long length = content.getContentLengthValue();
        if (length < FileRegions.MIN_BYTES || length > Integer.MAX_VALUE)
            return content;
        Resource resource = content.getResource();
        Path file = resource == null ? null : resource.getPath();
        if (file == null || file.getFileSystem() != FileSystems.getDefault() || !Files.isRegularFile(file))
            return content;
        try
        {
            MappedContent mapped = new MappedContent(content, FileRegions.map(file, length));
            if (kept.size() >= MAX_KEPT)
                kept.clear();
            kept.put(path, mapped);
            return mapped;
        }
        catch (IOException | RuntimeException x)
        {
            // shorter than announced, unreadable, not mappable: Jetty's own way answers as it would have
            return content;
        }
    }

    /** The wrapped content, its body written from the mapping. */
    private static final class MappedContent extends HttpContent.Wrapper
    {
        private final HttpContent content;
        private final ByteBuffer mapped;
        private final HttpField contentLength;

        MappedContent(HttpContent content, ByteBuffer mapped)
        {
            super(content);
            this.content = content;
            this.mapped = mapped;
            this.contentLength = new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(mapped.remaining()));
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

        @Override
        public HttpField getContentLength()
        {
            return contentLength;
        }

        @Override
        public long getContentLengthValue()
        {
            return mapped.remaining();
        }
    }
}
