package org.museumevents.gateway.routing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * When a request to one instance of a service may be sent to another: the proxied routes ({@link
 * Routes}) and the pages' own calls (web.ServiceClient) both follow it.
 */
public final class InstanceFailover {

    /** Attempts in all, each to the next instance the load balancer chooses. */
    public static final int ATTEMPTS = 3;

    private InstanceFailover() {}

    /**
     * @param error what a request to an instance failed with (any wrapping: the causes are searched)
     * @return whether the connection was never made: refused, no route to the host, or not accepted
     *     within the connect timeout. Nothing of the request was sent, so it may go to another
     *     instance whatever its method; a request that failed after it was sent never is (it may
     *     have been received: RFC 9110 §9.2.2).
     */
    public static boolean notConnected(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
