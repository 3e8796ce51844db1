package dev.infisicalpro.spring.boot;

import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookSignature;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The push endpoint on WebFlux. Verification is a few microseconds of HMAC and the refresh runs on the
 * receiver's own thread, so nothing here blocks the event loop. Loaded only on WebFlux.
 */
final class InfisicalWebhookReactiveRoutes {

    private InfisicalWebhookReactiveRoutes() {
    }

    static RouterFunction<ServerResponse> reactive(String path, WebhookReceiver receiver) {
        return RouterFunctions.route().POST(path, request -> handle(request, receiver)).build();
    }

    private static Mono<ServerResponse> handle(ServerRequest request, WebhookReceiver receiver) {
        Optional<String> signature = Optional.ofNullable(request.headers().firstHeader(WebhookSignature.HEADER));
        return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), WebhookReceiver.MAX_BODY_BYTES)
                .map(InfisicalWebhookReactiveRoutes::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorResume(DataBufferLimitException.class,
                        e -> Mono.just(new byte[WebhookReceiver.MAX_BODY_BYTES + 1]))  // counted as oversized
                .map(body -> receiver.receive(signature, body).httpStatus())
                .flatMap(status -> ServerResponse.status(status).build());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
