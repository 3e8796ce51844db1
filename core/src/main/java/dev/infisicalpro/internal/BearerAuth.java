package dev.infisicalpro.internal;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer token on every authenticated request, and the one re-login when the server rejects it
 * (401 other than a validation failure, or 403 {@code TokenError}): an OkHttp interceptor, so the
 * retry loop in {@link Transport#execute} knows nothing of tokens. The only place that sets the
 * {@code Authorization} header. Not API.
 *
 * <p>{@link #INTERCEPTOR} is installed on the client. An authenticated request carries its own
 * instance as a tag, made by the transport for the whole operation: it remembers, across the retries,
 * which tokens were sent (to scrub them from error texts) and that the re-login was used, at most once
 * per request. One class for both roles keeps the first request's class count down.
 */
final class BearerAuth implements Interceptor {

    /** Installed on the OkHttp client: passes untagged requests (logins, renewals) through. */
    static final BearerAuth INTERCEPTOR = new BearerAuth(null);

    /** Error answers are small; a body beyond this is not read for the rejection check. */
    private static final long PEEK_BYTES = 64 * 1024;

    private final TokenManager tokens;
    private final List<String> sent = new ArrayList<>(2);
    private boolean reloggedIn;

    /** The state of one authenticated request, for its tag. */
    BearerAuth(TokenManager tokens) {
        this.tokens = tokens;
    }

    /** The tokens sent so far for this request. */
    List<String> sentTokens() {
        return sent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        BearerAuth request = chain.request().tag(BearerAuth.class);
        return request == null ? chain.proceed(chain.request()) : request.send(chain);
    }

    private Response send(Chain chain) throws IOException {
        Request request = chain.request();
        String token = token(chain);
        Response response = chain.proceed(withBearer(request, token));
        if (reloggedIn || !isTokenRejection(response)) {
            return response;
        }
        reloggedIn = true;
        boolean fresh;
        try {
            fresh = tokens.refresh(token);
        } catch (RuntimeException | Error e) {
            response.close();
            throw e;
        }
        if (!fresh) {
            return response; // mapped by the transport as the rejection it is
        }
        response.close();
        Transport.ConnectionProbe probe = request.tag(Transport.ConnectionProbe.class);
        if (probe != null) {
            probe.reset(); // the second send is judged on its own connection
        }
        return chain.proceed(withBearer(request, token(chain)));
    }

    private String token(Chain chain) {
        String token = tokens.token(); // may log in: a request of its own, without a bearer
        sent.add(token);
        Operation op = Operation.current();
        if (op != null) {
            op.inFlight(chain.call()); // a login in between was the one in flight; this call is again
        }
        return token;
    }

    private static Request withBearer(Request request, String token) {
        return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }

    /** 401 that is not a validation failure, or 403 {@code TokenError}. */
    private static boolean isTokenRejection(Response response) throws IOException {
        int status = response.code();
        if (status != 401 && status != 403) {
            return false;
        }
        ErrorMapper.ServerError se = ErrorMapper.parse(response.peekBody(PEEK_BYTES).bytes());
        if (status == 401) {
            return !"ValidationFailure".equals(se.error());
        }
        return "TokenError".equals(se.error());
    }

    @Override
    public String toString() {
        return tokens == null ? "BearerAuth[interceptor]" : "BearerAuth[" + sent.size() + " token(s) sent]";
    }
}
