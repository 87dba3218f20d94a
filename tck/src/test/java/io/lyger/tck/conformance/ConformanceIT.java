package io.lyger.tck.conformance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance vectors (src/test/resources/conformance/vectors.tsv) over raw sockets, on the connector of this
 * run ({@code -Darquillian.launch}, native or jetty). Each vector's outcome must be the one the file expects
 * (Jetty's, or the RFC's where a reason is listed), unless conformance-differences.md lists the vector for this
 * connector. The outcomes are written to {@code target/conformance/observed-<connector>.tsv}, from which
 * {@code io.lyger.tck.conformance.ConformanceReport} makes the table (conformance.md) and compares the connectors.
 */
@ExtendWith(ArquillianExtension.class)
class ConformanceIT
{
    /** Vectors played at once, each on its own connection: most of the run is waiting for a close or a timeout. */
    private static final int PARALLEL = 4;

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "conformance.war").addClasses(Echo.class, Status.class, Probe.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void everyVectorHasItsExpectedOutcome() throws IOException, URISyntaxException, InterruptedException, ExecutionException
    {
        List<Vector> vectors = Vector.read(Path.of(ConformanceIT.class.getResource("/conformance/vectors.tsv").toURI()));
        String connector = System.getProperty("arquillian.launch", "native");
        Path moduleDir = Path.of(System.getProperty("basedir", "."));
        ListedDifferences listed = ListedDifferences.read(moduleDir.resolve("conformance-differences.md"));

        Observer observer = new Observer(base);
        List<Future<String>> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try
        {
            for (Vector vector : vectors)
                outcomes.add(pool.submit(() -> observer.observe(vector)));
            StringBuilder observed = new StringBuilder("# id\toutcome on " + connector + "\n");
            List<String> unexpected = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++)
            {
                Vector vector = vectors.get(i);
                String outcome = outcomes.get(i).get();
                observed.append(vector.id()).append('\t').append(outcome).append('\n');
                if (!Outcome.matches(vector.expected(), outcome) && listed.reason(vector.id(), connector) == null)
                    unexpected.add(vector.id() + " (" + vector.what() + "): expected " + vector.expected() + ", got " + outcome);
            }
            Path file = moduleDir.resolve("target/conformance/observed-" + connector + ".tsv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, observed, StandardCharsets.UTF_8);
            assertTrue(unexpected.isEmpty(), unexpected.size() + " of " + vectors.size() + " vectors answered otherwise on "
                + connector + " (fix, or list in tck/conformance-differences.md with the reason):\n  " + String.join("\n  ", unexpected));
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
