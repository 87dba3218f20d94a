# Lyger: HTTP/1.1 through Lyger's native (Rust) engine instead of Jetty's ServerConnector.
# Enable in a Jetty base with:  java -jar $JETTY_HOME/start.jar --add-modules=lyger

[description]
Enables a clear-text HTTP/1.1 connector served by Lyger's native (Rust) engine: io.lyger.connector.LygerConnector,
a drop-in for the ServerConnector of the `http` module, which it replaces (it provides `http`, so the two cannot be
enabled together). Where the native library cannot load (not Linux x86-64), the connector logs why and serves the
same host and port through Jetty's ServerConnector.

[tags]
connector
http
lyger

[depend]
server

[provides]
http

[lib]
lib/lyger/*.jar

[xml]
etc/lyger.xml

[ini]
## The web applications do not see Lyger's classes nor its copy of JNA (a WAR may bring its own JNA).
jetty.webapp.addHiddenClasses+=,io.lyger.connector.,com.sun.jna.

[ini-template]
### Lyger native HTTP/1.1 connector

## The host/address to bind to (default: all interfaces).
# lyger.host=0.0.0.0

## The port to listen on.
# lyger.port=8080

## Close a connection idle for this long, in milliseconds.
# lyger.idleTimeout=30000

## A client must send a whole request head within this many milliseconds once it started it (slowloris protection;
## enforced by the native engine only).
# lyger.headerTimeout=10000

## The largest request body accepted, in bytes; larger ones get 413. -1: no limit (enforced by the native engine
## only; the fallback ServerConnector does not, use Jetty's SizeLimitHandler there).
# lyger.maxRequestBodySize=-1

## The listen backlog of the server socket.
# lyger.acceptQueueSize=1024

## Threads waiting in the native event loop at once (-1: one per core, at least 2).
# lyger.pollers=-1

## Serve through Jetty's ServerConnector even where the native engine loads (for comparisons).
# lyger.forceFallback=false

## Behind HAProxy (send-proxy / send-proxy-v2) or a cloud load balancer: read the PROXY protocol header (v1 or v2) that
## starts each connection, as Jetty's proxy-protocol module does, so applications see the client's address. For
## Forwarded / X-Forwarded-* headers instead, enable Jetty's own `forwarded` module (it customizes httpConfig, which
## this connector uses).
# lyger.proxyProtocol=false

## On JDK 22+ the JVM warns when JNA loads the native library and FFM binds it. To silence it, run Jetty with
##   java --enable-native-access=ALL-UNNAMED -jar $JETTY_HOME/start.jar
