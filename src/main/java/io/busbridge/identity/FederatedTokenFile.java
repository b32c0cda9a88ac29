package io.busbridge.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The federated token file ({@code AZURE_FEDERATED_TOKEN_FILE}), read afresh for every token
 * request. Kubernetes rotates a projected service-account token in place, and an AWS STS refresher
 * rewrites its file before the old token expires; a cached copy would present an expired assertion.
 * (azure-identity 1.18.1's WorkloadIdentityCredential caches the file for five minutes.)
 */
final class FederatedTokenFile implements Supplier<String> {

    private final Path file;

    FederatedTokenFile(Path file) {
        this.file = file;
    }

    @Override
    public String get() {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IllegalStateException("The federated token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the federated token file " + file, e);
        }
    }
}
