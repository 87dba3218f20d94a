package io.lyger.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link LygerContainer} with Arquillian (found through {@code META-INF/services}). */
public final class LygerArquillianExtension implements LoadableExtension
{
    @Override
    public void register(ExtensionBuilder builder)
    {
        builder.service(DeployableContainer.class, LygerContainer.class);
    }
}
