# Lyger: HTTPS through Lyger's native (Rust) engine instead of Jetty's ServerConnector.
# Enable in a Jetty base with:  java -jar $JETTY_HOME/start.jar --add-modules=lyger-https
# (with lyger for HTTP beside it: --add-modules=lyger,lyger-https)

[description]
Enables an HTTPS (HTTP/1.1 over TLS) connector served by Lyger's native (Rust) engine: io.lyger.connector.LygerConnector
with Jetty's SslConnectionFactory and an HttpConnectionFactory over sslHttpConfig, a drop-in for the connector of the
`ssl` and `https` modules, which it replaces (it provides both). The keys come from Jetty's `ssl-context` module
(jetty.sslContext.* properties: keystore, truststore, passwords, client authentication); host, port and the
SecureRequestCustomizer settings from the `ssl` module's jetty.ssl.* properties. Where the engine cannot terminate TLS
here, the connector logs why and serves the same host and port through Jetty's SslConnectionFactory.

[tags]
connector
https
ssl
lyger

[depend]
server
ssl-context

[provides]
ssl
https

[lib]
lib/lyger/*.jar

[xml]
etc/lyger-https.xml

[ini]
## The web applications do not see Lyger's classes nor its copy of JNA (a WAR may bring its own JNA).
jetty.webapp.addHiddenClasses+=,io.lyger.connector.,com.sun.jna.

[ini-template]
### Lyger native HTTPS connector (the keys: jetty.sslContext.* of the ssl-context module)

## The host/address to bind to (default: all interfaces).
# jetty.ssl.host=0.0.0.0

## The port to listen on.
# jetty.ssl.port=8443

## Close a connection idle for this long, in milliseconds.
# jetty.ssl.idleTimeout=30000

## The listen backlog of the server socket.
# jetty.ssl.acceptQueueSize=1024

## Whether client SNI data is required for all secure connections (400 otherwise).
# jetty.ssl.sniRequired=false

## Whether a request's Host must match the certificate the client's SNI selected (400 otherwise).
# jetty.ssl.sniHostCheck=true

## The max age, in seconds, of the Strict-Transport-Security response header (-1: none).
# jetty.ssl.stsMaxAgeSeconds=-1

## Whether the Strict-Transport-Security header includes subdomains.
# jetty.ssl.stsIncludeSubdomains=false

## Serve through Jetty's SslConnectionFactory even where the engine terminates TLS (for comparisons).
# lyger.https.forceFallback=false
