package io.lyger.sample;

import java.io.IOException;

import io.lyger.sample.app.WorldService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /updates?n=20}: n random worlds given a new random number, as a JSON array (TechEmpower's updates test).
 * A GET that writes, as TechEmpower specifies it: the sample's {@code lyger-warmup.properties} leaves it out of the
 * warm-up on purpose.
 */
public class UpdatesServlet extends SampleServlet
{
    @Inject
    WorldService worlds;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        json(response, jsonArray(worlds.update(Params.queryCount(request))));
    }
}
