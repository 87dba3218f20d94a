package io.lyger.warm;

import java.io.IOException;
import java.util.List;

import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * Where warm-up requests come from for a started web application. {@link WarmupPlan} joins the declared requests
 * ({@code WEB-INF/lyger-warmup.properties}) and the container-only ones ({@link ContainerOnlyRequests}); a recorded
 * profile of a web application's traffic is meant to be one more source, given to
 * {@link WarmStart#addWarmupSource(WarmupSource)}. A source returns only requests it knows to be safe to replay.
 */
@FunctionalInterface
public interface WarmupSource
{
    /**
     * @return the requests to replay, paths including the context path
     * @throws IOException when the source cannot be read
     * @throws IllegalArgumentException when it is not valid (the message names the file)
     */
    List<WarmupRequest> requests(WebAppContext webApp) throws IOException;
}
