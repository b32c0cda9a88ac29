package io.busbridge.publish;

/**
 * Why a send failed, as far as the caller of the bridge is concerned.
 *
 * @param transientFailure retrying later may succeed
 * @param reason           Service Bus failure reason (e.g. MESSAGING_ENTITY_NOT_FOUND) or error kind
 * @param blame            whether the message content or the destination caused a permanent failure
 */
public record PublishFailure(boolean transientFailure, String reason, Blame blame) {

    /** Who has to change something for a permanent failure to go away. */
    public enum Blame { CONTENT, DESTINATION }
}
