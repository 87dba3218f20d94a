package io.lyger.tck.upgrade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HttpServletRequest.upgrade with an HttpUpgradeHandler speaking an echo protocol over the connection: 101 Switching
 * Protocols, then bytes both ways until the client half-closes.
 */
@ExtendWith(ArquillianExtension.class)
class UpgradeIT
{
    /** How long a read waits: the exchanges are local and small. */
    static final long TIMEOUT_MS = 1000;

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "upgrade-echo.war").addClasses(EventLog.class, EventLog.Events.class,
            Upgrades.class, Echo.class);
    }

    @ArquillianResource
    URL base;

    /** Upgrades when asked for the {@code echo} protocol (or always, with {@code force}); otherwise an ordinary 200. */
    @WebServlet("/echo")
    public static class Upgrades extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            String upgrade = request.getHeader("Upgrade");
            if (request.getParameter("force") == null && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("echo")))
            {
                response.getWriter().print("no upgrade: " + upgrade);
                return;
            }
            Echo echo = request.upgrade(Echo.class);
            echo.key = request.getParameter("key");
            echo.greeting = request.getParameter("greeting");
            response.setHeader("X-Upgraded-By", "servlet");
        }
    }

    /** Echoes every byte back, on a thread of its own with blocking streams; closes its side at the client's end. */
    public static class Echo implements HttpUpgradeHandler
    {
        volatile String key;
        volatile String greeting;

        @Override
        public void init(WebConnection connection)
        {
            log("init");
            Thread thread = new Thread(() -> run(connection), "upgrade-echo");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(WebConnection connection)
        {
            try
            {
                ServletInputStream in = connection.getInputStream();
                ServletOutputStream out = connection.getOutputStream();
                if (greeting != null)
                {
                    out.write((greeting + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                byte[] buffer = new byte[8192];
                long total = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer))
                {
                    out.write(buffer, 0, read);
                    out.flush();
                    total += read;
                }
                log("eof after " + total);
                connection.close();
            }
            catch (Exception x)
            {
                log("failed: " + x);
            }
        }

        @Override
        public void destroy()
        {
            log("destroy");
        }

        private void log(String event)
        {
            if (key != null)
                EventLog.add(key, event);
        }
    }

    /** A connection that reads an HTTP response head, then gives the raw streams. */
    static final class Upgraded implements AutoCloseable
    {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();

        Upgraded(URL base, String request)
        {
            socket = new Socket();
            try
            {
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 1000);
                socket.setSoTimeout((int) TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                in = socket.getInputStream();
                out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String statusLine = line();
                status = Integer.parseInt(statusLine.split(" ")[1]);
                for (String line = line(); !line.isEmpty(); line = line())
                {
                    int colon = line.indexOf(':');
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            catch (IOException x)
            {
                close();
                throw new UncheckedIOException(x);
            }
        }

        String header(String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        private String line() throws IOException
        {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read())
            {
                if (b < 0)
                    throw new IOException("closed after '" + line.toString(StandardCharsets.ISO_8859_1) + "'");
                if (b != '\r')
                    line.write(b);
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        void send(byte[] bytes) throws IOException
        {
            out.write(bytes);
            out.flush();
        }

        byte[] receive(int length) throws IOException
        {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length)
                throw new IOException("closed after " + bytes.length + " of " + length + " bytes");
            return bytes;
        }

        @Override
        public void close()
        {
            try
            {
                socket.close();
            }
            catch (IOException ignored)
            {
                // closing
            }
        }
    }

    private String upgradeRequest(String query, String protocols)
    {
        return "GET " + RawHttp.path(base, "echo" + query) + " HTTP/1.1\r\nHost: " + RawHttp.host(base)
            + "\r\nConnection: Upgrade\r\nUpgrade: " + protocols + "\r\n\r\n";
    }

    @Test
    void upgradeAnswers101WithTheProtocol()
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("", "echo")))
        {
            assertEquals(101, connection.status);
            assertEquals("echo", connection.header("Upgrade"));
            assertEquals("upgrade", String.valueOf(connection.header("Connection")).toLowerCase(Locale.ROOT));
            assertEquals("servlet", connection.header("X-Upgraded-By"), "headers set after upgrade() are sent with the 101");
            assertEquals(null, connection.header("Content-Length"));
            assertEquals(null, connection.header("Transfer-Encoding"));
        }
    }

    @Test
    void firstOfTheRequestedProtocolsIsAnswered()
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("", "echo, chat/2")))
        {
            assertEquals(101, connection.status);
            assertEquals("echo", connection.header("Upgrade"));
        }
    }

    /** Bytes sent right behind the upgrade request's head belong to the new protocol. */
    @Test
    void bytesSentWithTheRequestHeadAreEchoed() throws IOException
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("", "echo") + "early bytes"))
        {
            assertEquals(101, connection.status);
            assertEquals("early bytes", new String(connection.receive(11), StandardCharsets.UTF_8));
        }
    }

    @Test
    void handlerCanWriteFirst() throws IOException
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("?greeting=welcome", "echo")))
        {
            assertEquals(101, connection.status);
            assertEquals("welcome\n", new String(connection.receive(8), StandardCharsets.UTF_8));
        }
    }

    /** The handler reads the client's end, closes the WebConnection: the server closes the socket, destroy() is called. */
    @Test
    void closingTheWebConnectionClosesTheSocketAndDestroysTheHandler() throws IOException
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("?key=end", "echo") + "bye"))
        {
            assertEquals(101, connection.status);
            assertEquals("bye", new String(connection.receive(3), StandardCharsets.UTF_8));
            connection.socket.shutdownOutput();
            assertEquals(-1, connection.in.read(), "the server closes the connection");
        }
        assertEquals("init,eof after 3,destroy", EventLog.await(base, "end", "destroy"));
    }

    /** A conversation: the client waits for each echo before it sends the next message. */
    @Test
    void bytesSentAfterThe101AreEchoed() throws IOException
    {
        try (Upgraded connection = new Upgraded(base, upgradeRequest("", "echo")))
        {
            assertEquals(101, connection.status);
            for (String message : new String[] {"hello\n", "over the upgraded connection\n"})
            {
                connection.send(message.getBytes(StandardCharsets.UTF_8));
                assertEquals(message, new String(connection.receive(message.length()), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void withoutAnUpgradeHeaderTheServletAnswersNormally()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "echo")).read();
            assertEquals(200, response.status());
            assertEquals("no upgrade: null", response.text());
            assertEquals(200, connection.send(RawHttp.get(base, "echo")).read().status(), "still HTTP on that connection");
        }
    }

    /** upgrade() on a request that asked for no protocol: the container refuses (ServletException), an error status. */
    @Test
    void upgradeWithoutAnUpgradeHeaderIsAnError()
    {
        assertEquals(500, Http.get(base, "echo?force=1").statusCode());
    }
}
