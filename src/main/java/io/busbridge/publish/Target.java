package io.busbridge.publish;

import java.util.List;

/**
 * Where and how a route publishes: the entity, its kind, and which payload fields feed the message.
 *
 * @param entity         queue or topic name
 * @param type           queue or topic
 * @param sessionField   payload field whose value becomes the SessionId (null: no session)
 * @param idField        payload field used as MessageId when there is no Idempotency-Key (null: none)
 * @param promotedFields payload fields copied to application properties (for subscription rules)
 */
public record Target(String entity, EntityType type, String sessionField, String idField, List<String> promotedFields) {

    public Target {
        promotedFields = List.copyOf(promotedFields);
    }
}
