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

/**
 * Read-only mappings of static files that the native connector sends as file regions (sendfile(2)) when a response
 * body is (a slice of) one: native-connector/README.md, "Static files". The last mapping made for each key is reused
 * while the file keeps the modification time and length its caller announced: a mapping per file version, not per
 * response. Used by {@link FileRegionContentFactory} (Jetty's resource service) and by frameworks that write files
 * themselves (the Spring Boot starter's resource converter).
 */
public final class FileMappings
{
    /** Smaller files go as bytes: one {@code sendmsg} with the head beats an open, a stat and a sendfile. */
    public static final int MIN_BYTES = FileRegions.MIN_BYTES;
    /** Most mappings kept for reuse (a bound, not a cache policy: past it they are all let go). */
    private static final int MAX_KEPT = 1024;
    private final Map<String, Mapping> kept = new ConcurrentHashMap<>();

    /** A mapping of a whole file and what identified the file when it was made. */
    public record Mapping(ByteBuffer buffer, Path file, Instant lastModified, long length)
    {
        boolean isOf(Path file, Instant lastModified, long length)
        {
            return sameMillis(lastModified, this.lastModified) && length == this.length && file.equals(this.file);
        }
    }

    /**
     * @param key what the caller names the file by (a request path)
     * @param lastModified and {@code length}: the file as the caller describes it in the response's headers
     * @return the mapping of {@code file}, when it is a regular file of the default file system, between
     * {@link #MIN_BYTES} and 2 GiB long, that is now as described (a cache may be a moment behind a file replaced or
     * rewritten: the caller then sends what it holds, never a mixture); else null
     */
    public Mapping mapping(String key, Path file, Instant lastModified, long length)
    {
        if (file == null || lastModified == null || length < MIN_BYTES || length > Integer.MAX_VALUE || file.getFileSystem() != FileSystems.getDefault())
            return null;
        BasicFileAttributes now;
        try
        {
            now = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (IOException x)
        {
            return null;
        }
        if (!now.isRegularFile() || now.size() != length || !sameMillis(lastModified, now.lastModifiedTime().toInstant()))
            return null;
        Mapping mapping = kept.get(key);
        if (mapping != null && mapping.isOf(file, lastModified, length))
            return mapping;
        try
        {
            mapping = new Mapping(FileRegions.map(file, length), file, lastModified, length);
        }
        catch (IOException | RuntimeException x)
        {
            // shorter than announced, unreadable, not mappable: the caller's own way answers
            return null;
        }
        if (kept.size() >= MAX_KEPT)
            kept.clear();
        kept.put(key, mapping);
        return mapping;
    }

    /** Frameworks announce Last-Modified in milliseconds (File.lastModified), file systems hold nanoseconds. */
    private static boolean sameMillis(Instant a, Instant b)
    {
        return a != null && b != null && a.toEpochMilli() == b.toEpochMilli();
    }
}
