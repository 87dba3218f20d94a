package io.lyger.launcher.training;

import java.nio.file.Path;
import java.util.List;

/**
 * The JVM's ahead-of-time data a training run leaves, by JDK: on JDK 25 and later an AOT cache (JEP 483, created in
 * one step at the training JVM's exit by {@code -XX:AOTCacheOutput}, JEP 514, with the method profiles of JEP 515);
 * on JDK 17 to 24 a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}). Both hold the classes the training run
 * loaded, parsed and linked (as far as the JVM archives them); the later JVM maps them instead of loading them again.
 */
enum AotData
{
    AOT_CACHE("lyger.aot", "AOT cache", "AOTCacheOutput", "AOTCache"),
    APPCDS("lyger.jsa", "dynamic AppCDS archive", "ArchiveClassesAtExit", "SharedArchiveFile");

    /** The file name in the profile directory. */
    final String fileName;
    final String description;
    /** The -XX flag that writes it at the training JVM's exit. */
    final String recordFlag;
    /** The -XX flag that uses it, which the JVM reports in effect (HotSpotDiagnosticMXBean). */
    final String useFlag;

    AotData(String fileName, String description, String recordFlag, String useFlag)
    {
        this.fileName = fileName;
        this.description = description;
        this.recordFlag = recordFlag;
        this.useFlag = useFlag;
    }

    /** @return what this JVM can write and use */
    static AotData forThisJvm()
    {
        return Runtime.version().feature() >= 25 ? AOT_CACHE : APPCDS;
    }

    List<String> recordOptions(Path directory)
    {
        // the JVM warns of each class it cannot archive (hundreds of lines): not the user's concern
        return List.of("-XX:" + recordFlag + "=" + directory.resolve(fileName), this == APPCDS ? "-Xlog:cds=error" : "-Xlog:aot=error");
    }

    /**
     * -Xshare:auto (the AOT cache's -XX:AOTMode=auto, its default): should the JVM still refuse the data (a check the
     * launcher cannot make), it starts without it and says why, as a start without a profile.
     */
    List<String> useOptions(Path directory)
    {
        return this == APPCDS ? List.of("-XX:" + useFlag + "=" + directory.resolve(fileName), "-Xshare:auto")
            : List.of("-XX:" + useFlag + "=" + directory.resolve(fileName));
    }
}
