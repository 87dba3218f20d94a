import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection rate through a PROXY protocol reader: sequential new connections, each sending a PROXY v2 header (TCP4,
 * 28 bytes, as HAProxy's send-proxy-v2) or none, then {@code GET /plaintext} with {@code Connection: close}, reading to
 * EOF. Targets alternate round by round; the median rate of each is printed with its ratio to the first target.
 * <pre>
 * java ProxyConnBench.java ROUNDS CONNECTIONS NAME:PORT:HEADER...   (HEADER: true sends the PROXY v2 header)
 * </pre>
 * Run by run.sh (README.md); a single-file program, no build needed.
 */
public class ProxyConnBench
{
    static final byte[] GET = "GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes();

    static byte[] proxyV2()
    {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(new byte[]{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A}).put((byte)0x21).put((byte)0x11).putShort((short)12);
        b.put(new byte[]{(byte)192, 0, 2, 7, 10, 0, 0, 1}).putShort((short)51000).putShort((short)8080);
        return b.array();
    }

    /** @return connections per second over {@code n} sequential connections */
    static double round(int port, boolean header, int n) throws IOException
    {
        byte[] prefix = header ? proxyV2() : new byte[0];
        byte[] request = new byte[prefix.length + GET.length];
        System.arraycopy(prefix, 0, request, 0, prefix.length);
        System.arraycopy(GET, 0, request, prefix.length, GET.length);
        byte[] buffer = new byte[4096];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++)
        {
            try (Socket socket = new Socket("127.0.0.1", port))
            {
                socket.setTcpNoDelay(true);
                socket.getOutputStream().write(request);
                InputStream in = socket.getInputStream();
                int total = 0;
                for (int r; (r = in.read(buffer)) > 0; )
                    total += r;
                if (total < 20)
                    throw new IOException("no answer from port " + port);
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) throws Exception
    {
        int rounds = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        Map<String, String[]> targets = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++)
        {
            String[] target = args[i].split(":");
            targets.put(target[0], target);
            rates.put(target[0], new ArrayList<>());
            round(Integer.parseInt(target[1]), Boolean.parseBoolean(target[2]), n); // warm-up round, not counted
        }
        for (int r = 0; r < rounds; r++)
            for (String[] t : targets.values())
                rates.get(t[0]).add(round(Integer.parseInt(t[1]), Boolean.parseBoolean(t[2]), n));
        double first = -1;
        for (Map.Entry<String, List<Double>> e : rates.entrySet())
        {
            List<Double> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            double median = sorted.get(sorted.size() / 2);
            if (first < 0)
                first = median;
            System.out.printf("%-24s median %5.0f conn/s  ratio %.2f  rounds %s%n", e.getKey(), median, median / first,
                e.getValue().stream().map(d -> String.format("%.0f", d)).toList());
        }
    }
}
