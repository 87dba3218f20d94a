package io.lyger.sample;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST /sha256}: reads the body as it streams in and answers {@code "<hex sha256> <byte count>"}. */
public class Sha256Servlet extends SampleServlet
{
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        MessageDigest digest = SampleBytes.sha256();
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        InputStream in = request.getInputStream();
        int read;
        while ((read = in.read(buffer)) >= 0)
        {
            digest.update(buffer, 0, read);
            count += read;
        }
        text(response, SampleBytes.hex(digest.digest()) + " " + count);
    }
}
