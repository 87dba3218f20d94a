package io.lyger.spring.boot;

import java.io.File;
import java.io.IOException;
import java.time.Instant;

import io.lyger.connector.FileMappings;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Spring MVC's static resources ({@code ResourceHttpRequestHandler}, {@code spring.web.resources.*}) the way the
 * native engine sends Jetty's: a resource that is a file of at least {@link FileMappings#MIN_BYTES} is written as its
 * read-only mapping through Servlet 6.1's {@code ServletOutputStream.write(ByteBuffer)}, which Jetty hands to the
 * connector unchanged, and the engine sends it with sendfile(2). Spring's own converter copies the file through an
 * InputStream and the response buffer instead. Everything else (headers, conditional requests, ranges, which go
 * through the region converter) is Spring's; resources inside jars, small files, and a file that changed since Spring
 * read its length and date are written by Spring's way. A filter that wraps the response's stream gets the bytes.
 */
public class FileRegionResourceConverter extends ResourceHttpMessageConverter
{
    private final FileMappings mappings = new FileMappings();

    @Override
    protected void writeContent(Resource resource, HttpOutputMessage outputMessage) throws IOException
    {
        FileMappings.Mapping mapping = outputMessage instanceof ServletServerHttpResponse ? mapping(resource) : null;
        if (mapping != null)
        {
            // getBody() writes the headers; the stream it returns is Spring's wrapper, which would copy the buffer
            outputMessage.getBody();
            ((ServletServerHttpResponse)outputMessage).getServletResponse().getOutputStream().write(mapping.buffer().slice());
            return;
        }
        super.writeContent(resource, outputMessage);
    }

    private FileMappings.Mapping mapping(Resource resource)
    {
        try
        {
            if (!resource.isFile())
                return null;
            // as Spring announced them (Content-Length, Last-Modified): the body must be that file
            long length = resource.contentLength();
            if (length < FileMappings.MIN_BYTES)
                return null;
            File file = resource.getFile();
            return mappings.mapping(file.getPath(), file.toPath(), Instant.ofEpochMilli(resource.lastModified()), length);
        }
        catch (IOException | RuntimeException x)
        {
            return null;
        }
    }
}
