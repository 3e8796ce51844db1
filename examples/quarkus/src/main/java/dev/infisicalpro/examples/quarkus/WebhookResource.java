package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookResult;
import dev.infisicalpro.webhook.WebhookSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /infisical/webhook}: Infisical's signed webhook, handed to the {@link WebhookReceiver}, which
 * refreshes the Infisical config source at once (off this thread) instead of at the next resync. The body is
 * read raw: the signature covers its exact bytes. 404 while no webhook key is configured.
 */
@Path("/infisical/webhook")
public class WebhookResource {

    @Inject
    PushRefresh push;

    @POST
    public Response receive(@HeaderParam(WebhookSignature.HEADER) String signature, InputStream body)
            throws IOException {
        Optional<WebhookReceiver> receiver = push.receiver();
        if (receiver.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        WebhookResult result = receiver.get().receive(Optional.ofNullable(signature), WebhookReceiver.readBody(body));
        return Response.status(result.httpStatus()).build();
    }
}
