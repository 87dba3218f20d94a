package io.lyger.sample;

import java.io.IOException;
import java.util.Map;

import io.lyger.sample.app.BootClock;
import io.lyger.sample.app.CallStats;
import io.lyger.sample.app.UpdateStats;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /stats}: what the application's beans counted, as JSON: calls per {@code @Timed} method, update
 * transactions and rows (from the {@code WorldsUpdated} event), and when {@link BootClock} was constructed.
 */
public class StatsServlet extends SampleServlet
{
    @Inject
    BootClock bootClock;

    @Inject
    CallStats calls;

    @Inject
    UpdateStats updates;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        long now = System.currentTimeMillis();
        StringBuilder json = new StringBuilder(256).append('{');
        json.append("\"bootClockConstructedAt\":").append(bootClock.constructedAtMillis());
        json.append(",\"now\":").append(now);
        json.append(",\"updateBatches\":").append(updates.batches());
        json.append(",\"updatedRows\":").append(updates.rows());
        json.append(",\"calls\":{");
        boolean first = true;
        for (Map.Entry<String, Long> entry : calls.counts().entrySet())
        {
            if (!first)
                json.append(',');
            first = false;
            json.append(JsonServlet.quote(entry.getKey())).append(':').append(entry.getValue());
        }
        json.append("}}");
        json(response, json.toString());
    }
}
