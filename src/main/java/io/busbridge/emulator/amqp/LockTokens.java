package io.busbridge.emulator.amqp;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Lock token ⇄ delivery tag. Tags are the 16 bytes of .NET's Guid.ToByteArray() (first three groups
 * little-endian); $management carries the same token as an RFC-order uuid (contract §9.1).
 */
final class LockTokens {
    private LockTokens() {
    }

    static byte[] toTag(UUID token) {
        byte[] rfc = ByteBuffer.allocate(16).putLong(token.getMostSignificantBits())
                .putLong(token.getLeastSignificantBits()).array();
        swap(rfc, 0, 3);
        swap(rfc, 1, 2);
        swap(rfc, 4, 5);
        swap(rfc, 6, 7);
        return rfc;
    }

    private static void swap(byte[] b, int i, int j) {
        byte t = b[i];
        b[i] = b[j];
        b[j] = t;
    }
}
