package dev.infisicalpro.webhook;

/**
 * What a {@link WebhookReceiver} made of one request, with the HTTP status to answer.
 *
 * <pre>{@code
 * WebhookResult result = receiver.receive(signature, body);
 * response.setStatus(result.httpStatus());   // 204, or 401 / 400 / 413 for a rejected request
 * if (result instanceof WebhookResult.Rejected r) {
 *     log.warn("Infisical webhook rejected: " + r.reason());
 * }
 * }</pre>
 */
public sealed interface WebhookResult
        permits WebhookResult.Accepted, WebhookResult.Ignored, WebhookResult.Rejected {

    /**
     * The status to answer Infisical with: 204 unless the request was rejected.
     *
     * @return 204, or the rejection's status
     */
    int httpStatus();

    /**
     * A verified delivery; a refresh of the matching live views is under way off the request thread.
     *
     * @param event what changed
     * @param views how many live views were scheduled for a refresh
     */
    record Accepted(WebhookEvent event, int views) implements WebhookResult {
        @Override
        public int httpStatus() {
            return 204;
        }
    }

    /**
     * A verified delivery that needs no refresh here; answered 204 so that Infisical neither retries nor
     * marks the webhook failed.
     *
     * @param event  what the delivery said
     * @param reason why nothing is refreshed
     */
    record Ignored(WebhookEvent event, IgnoreReason reason) implements WebhookResult {
        @Override
        public int httpStatus() {
            return 204;
        }
    }

    /**
     * A request that is not a valid, fresh delivery signed with one of the keys; nothing was refreshed.
     *
     * @param reason why
     */
    record Rejected(RejectReason reason) implements WebhookResult {
        @Override
        public int httpStatus() {
            return reason.httpStatus();
        }
    }

    /** Why a verified delivery refreshed nothing. */
    enum IgnoreReason {
        /** The test delivery of Infisical's webhook settings page (it signals no change). */
        TEST_EVENT,
        /** The same signed delivery was already received (Infisical's retry, or a replay). */
        DUPLICATE,
        /** The delivery is about a project none of the live views reads. */
        OTHER_PROJECT,
        /** No live view reads that environment and folder (nor imports it). */
        NO_MATCHING_VIEW
    }

    /** Why a request was rejected. */
    enum RejectReason {
        /** No {@code x-infisical-signature} header (a webhook created without a secret key, or not Infisical). */
        UNSIGNED(401),
        /** The header is not {@code t=<epoch millis>;<64 hex digits>}. */
        MALFORMED_SIGNATURE(401),
        /** The HMAC matches none of the keys: wrong key, or a body altered on the way. */
        BAD_SIGNATURE(401),
        /** The timestamp is outside the accepted window (clock skew, or an old delivery replayed). */
        STALE(401),
        /** The header's timestamp differs from the signed body's (the header was altered). */
        TIMESTAMP_MISMATCH(401),
        /** The body is larger than {@link WebhookReceiver#MAX_BODY_BYTES}. */
        OVERSIZED(413),
        /** Correctly signed, but not a webhook body this library understands. */
        MALFORMED_BODY(400);

        private final int httpStatus;

        RejectReason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /**
         * The status to answer with.
         *
         * @return the HTTP status for this rejection
         */
        public int httpStatus() {
            return httpStatus;
        }
    }
}
