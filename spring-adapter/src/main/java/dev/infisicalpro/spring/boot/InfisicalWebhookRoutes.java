package dev.infisicalpro.spring.boot;

import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookResult;
import dev.infisicalpro.webhook.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.InputStream;
import java.util.Optional;

/**
 * The push endpoint on Spring MVC (a functional route, so no component scan is needed). The body is read
 * raw, at most one byte past the limit: the signature covers the exact bytes. Loaded only on Spring MVC.
 */
final class InfisicalWebhookRoutes {

    private InfisicalWebhookRoutes() {
    }

    static RouterFunction<ServerResponse> servlet(String path, WebhookReceiver receiver) {
        return RouterFunctions.route().POST(path, request -> {
            HttpServletRequest http = request.servletRequest();
            byte[] body;
            try (InputStream in = http.getInputStream()) {
                body = WebhookReceiver.readBody(in);
            }
            WebhookResult result = receiver.receive(Optional.ofNullable(http.getHeader(WebhookSignature.HEADER)), body);
            return ServerResponse.status(result.httpStatus()).build();
        }).build();
    }
}
