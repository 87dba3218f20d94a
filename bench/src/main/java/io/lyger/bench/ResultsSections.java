package io.lyger.bench;

/**
 * The sections of RESULTS.md that other runs own (bench/profile's CPU split, bench/startup/run, bench/spring/run), found
 * by their "## " heading: a full HTTP run rewrites the report and keeps them as they were. (The HTTPS section has its
 * own begin and end markers: {@link HttpsReport#section(String)}.)
 */
final class ResultsSections
{
    private ResultsSections()
    {
    }

    /** @return the sections of {@code results} under these headings, each as {@link #section(String, String)} gives it */
    static String sections(String results, String... headings)
    {
        StringBuilder kept = new StringBuilder();
        for (String heading : headings)
        {
            String section = section(results, heading);
            if (!section.isEmpty())
                kept.append('\n').append(section);
        }
        return kept.toString();
    }

    /**
     * @return the section of {@code results} under {@code heading} (to the next "## " heading, the HTTPS section's
     * marker or the end), or ""
     */
    static String section(String results, String heading)
    {
        int start = results.indexOf("\n" + heading + " ");
        if (start < 0)
            return "";
        int end = results.indexOf("\n## ", start + 1);
        int https = results.indexOf("\n" + HttpsReport.BEGIN, start + 1); // the HTTPS section is kept on its own
        if (https >= 0 && (end < 0 || https < end))
            end = https;
        return results.substring(start + 1, end < 0 ? results.length() : end + 1);
    }
}
