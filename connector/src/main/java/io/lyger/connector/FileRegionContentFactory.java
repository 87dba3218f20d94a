package io.lyger.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
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
     * The last mapping made for each path, reused while the wrapped factory reports the same file, modification time
     * and length: a mapping per file version, not per response. Holds nothing of the wrapped factory's (its cache
     * keeps its own bounds).
     */
    private final Map<String, Mapping> kept = new ConcurrentHashMap<>();

    /** A mapping and what identified the file when it was made. */
    private record Mapping(ByteBuffer buffer, HttpField contentLength, Path file, Instant lastModified, long length)
    {
        boolean isOf(Path file, Instant lastModified, long length)
        {
            return lastModified != null && lastModified.equals(this.lastModified) && length == this.length && file.equals(this.file);
        }
    }

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
        if (length < FileRegions.MIN_BYTES || length > Integer.MAX_VALUE)
            return content;
        Resource resource = content.getResource();
        Path file = resource == null ? null : resource.getPath();
        if (file == null || file.getFileSystem() != FileSystems.getDefault())
            return content;
        Instant lastModified = content.getLastModifiedInstant();
        // The file as it is now must be the one the wrapped factory describes (its cache may be a moment behind a
        // file replaced or rewritten): else its own way answers, with the bytes it holds, never a mixture.
        BasicFileAttributes now;
        try
        {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (IOException x)
        {
            return content;
        }
        if (!now.isRegularFile() || now.size() != length || lastModified == null || !lastModified.equals(now.lastModifiedTime().toInstant()))
            return content;
        Mapping mapping = kept.get(path);
        if (mapping == null || !mapping.isOf(file, lastModified, length))
        {
            try
            {
                ByteBuffer buffer = FileRegions.map(file, length);
                mapping = new Mapping(buffer, new HttpField(HttpHeader.CONTENT_LENGTH, Long.toString(length)), file, lastModified, length);
            }
            catch (IOException | RuntimeException x)
            {
                // shorter than announced, unreadable, not mappable: Jetty's own way answers as it would have
                return content;
            }
            if (kept.size() >= MAX_KEPT)
                kept.clear();
            kept.put(path, mapping);
        }
        return new MappedContent(content, mapping);
    }

    /** The wrapped content, its body written from the mapping. */
    private static final class MappedContent extends HttpContent.Wrapper
    {
        private final ByteBuffer mapped;
        private final HttpField contentLength;

        MappedContent(HttpContent content, Mapping mapping)
        {
            super(content);
            this.mapped = mapping.buffer();
            this.contentLength = mapping.contentLength();
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
