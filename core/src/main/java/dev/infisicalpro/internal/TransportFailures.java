package dev.infisicalpro.internal;

import dev.infisicalpro.FailedRequest;
import dev.infisicalpro.TransportException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What an I/O failure of one attempt means: whether the request can have reached the server (a connect
 * failure cannot), and the typed exception with a hint that the caller sees. Loaded only when a request
 * fails. Not API.
 */
final class TransportFailures {

    private TransportFailures() {
    }

    /** OkHttp's whole-call timeout: an InterruptedIOException "timeout" (a read timeout is a SocketTimeoutException). */
    static boolean isCallTimeout(IOException e) {
        return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                && "timeout".equals(e.getMessage());
    }

    /** The connection was never made: nothing was sent, so even a write may be sent again. */
    static boolean isConnectFailure(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return true;
        }
        return e instanceof SocketTimeoutException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("connect");
    }

    /**
     * @param host             host (and port, when not the default) for the message
     * @param callTimeoutNanos the attempt's whole-call deadline, named when that is what ended it
     */
    static TransportException of(IOException e, String host, Transport.Call call, String fullPath,
                                 long callTimeoutNanos) {
        String what;
        String hint;
        if (isCallTimeout(e)) {
            what = "no complete answer from " + host + " within the call deadline of "
                    + TimeUnit.NANOSECONDS.toMillis(callTimeoutNanos) + " ms";
            hint = "the server or a proxy is slow or trickling; InfisicalClient.builder().callTimeout(...) sets the limit";
        } else if (e instanceof UnknownHostException) {
            what = "cannot resolve host " + host;
            hint = "check infisical.host-api";
        } else if (isConnectFailure(e)) {
            what = "cannot connect to " + host;
            hint = "check infisical.host-api and that the server is reachable from here";
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            what = "timed out waiting for " + host;
            hint = "the server is slow or unreachable; raise readTimeout if large folders take long";
        } else {
            what = "connection to " + host + " failed (" + e.getClass().getSimpleName() + ")";
            hint = "check infisical.host-api and the network path (proxies, TLS)";
        }
        return new TransportException(what, hint, FailedRequest.unanswered(call.method(), fullPath), e);
    }
}
