package io.lyger.launcher.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Locale;

import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.util.security.Password;

/**
 * A keystore or truststore file given on the command line, read here the way Jetty's {@code SslContextFactory} will
 * read it, so that a bad one fails the start with one line naming the option and the file rather than a stack trace
 * from deep in the connector's start: missing or unreadable, not a keystore of the type, wrong store password,
 * wrong key password, no private key (keystore) or no certificate (truststore).
 *
 * @param option the option naming the file, e.g. {@code --keystore}
 * @param type {@code PKCS12}, {@code JKS} or another type the JDK knows; null: sniffed from the content (the JDK
 * tells PKCS12 and JKS apart)
 * @param password the store's password (Jetty's {@code OBF:} form is read)
 */
public record StoreFile(String option, Path file, String type, String password)
{
    /** @return the loaded store, whose {@link KeyStore#getType()} is the type to give Jetty */
    public KeyStore load()
    {
        if (!Files.exists(file))
            throw bad("no such file", null);
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw bad("not a readable file", null);
        char[] secret = password == null ? null : new Password(password).toString().toCharArray();
        KeyStore store;
        try
        {
            if (type == null)
                store = KeyStore.getInstance(file.toFile(), secret);
            else
            {
                try
                {
                    store = KeyStore.getInstance(type);
                }
                catch (KeyStoreException x)
                {
                    throw new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION,
                        option + "-type=" + type + ": unknown keystore type (PKCS12 or JKS)", x);
                }
                try (var in = Files.newInputStream(file))
                {
                    store.load(in, secret);
                }
            }
        }
        catch (IOException x)
        {
            // The JDK reports a wrong password as an IOException caused by an UnrecoverableKeyException (PKCS12), or
            // whose message says so (JKS: "Keystore was tampered with, or password was incorrect").
            if (x.getCause() instanceof UnrecoverableKeyException || String.valueOf(x.getMessage()).toLowerCase(Locale.ROOT).contains("password"))
                throw bad("wrong password (" + option + "-password)", x);
            throw bad("not a " + (type == null ? "PKCS12 or JKS" : type.toUpperCase(Locale.ROOT)) + " keystore", x);
        }
        catch (KeyStoreException x)
        {
            throw bad("not a PKCS12 or JKS keystore", x);
        }
        catch (GeneralSecurityException x)
        {
            throw bad("cannot read it (" + x.getClass().getSimpleName() + ")", x);
        }
        return store;
    }

    /**
     * Loads a keystore and checks that it holds a private key which {@code keyPassword} (or the store password when
     * null) opens, as Jetty's key manager will need.
     */
    public KeyStore loadKeys(String keyPassword)
    {
        KeyStore store = load();
        String secret = new Password(keyPassword != null ? keyPassword : password).toString();
        boolean anyKey = false;
        try
        {
            for (String alias : Collections.list(store.aliases()))
            {
                if (!store.isKeyEntry(alias))
                    continue;
                anyKey = true;
                try
                {
                    store.getKey(alias, secret.toCharArray());
                }
                catch (UnrecoverableKeyException x)
                {
                    throw bad("the key '" + alias + "' does not open with " + (keyPassword != null ? "--key-password" : option + "-password (give --key-password if it differs)"), x);
                }
            }
        }
        catch (GeneralSecurityException x)
        {
            throw bad("cannot read its keys (" + x.getClass().getSimpleName() + ")", x);
        }
        if (!anyKey)
            throw bad("holds no private key (a server needs its key and certificate)", null);
        return store;
    }

    /** Loads a truststore and checks that it holds at least one certificate. */
    public KeyStore loadCertificates()
    {
        KeyStore store = load();
        try
        {
            for (String alias : Collections.list(store.aliases()))
            {
                if (store.getCertificate(alias) != null)
                    return store;
            }
        }
        catch (KeyStoreException x)
        {
            throw bad("cannot read its certificates (" + x.getClass().getSimpleName() + ")", x);
        }
        throw bad("holds no certificate to trust", null);
    }

    private LygerStartException bad(String why, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, option + "=" + file + ": " + why, cause);
    }
}
