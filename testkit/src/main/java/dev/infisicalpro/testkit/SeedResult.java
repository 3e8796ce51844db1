package dev.infisicalpro.testkit;

import java.util.List;

/**
 * What a JSON seed file created, including generated credentials (toString of the credential records
 * never prints secrets).
 *
 * <pre>{@code
 * SeedResult seeded = fake.seed(Path.of("seed.json"));
 * String token = seeded.serviceTokens().get(0).token();
 * }</pre>
 *
 * @param projects               projects in file order
 * @param serviceTokens          service tokens in file order
 * @param universalAuth          universal-auth identities in file order
 * @param kubernetesIdentityIds  Kubernetes-auth identity ids in file order
 */
public record SeedResult(List<FakeProject> projects, List<ServiceTokenCredentials> serviceTokens,
                         List<UniversalAuthCredentials> universalAuth, List<String> kubernetesIdentityIds) {

    /**
     * Copies the lists.
     *
     * @param projects see the record component
     * @param serviceTokens see the record component
     * @param universalAuth see the record component
     * @param kubernetesIdentityIds see the record component
     */
    public SeedResult {
        projects = List.copyOf(projects);
        serviceTokens = List.copyOf(serviceTokens);
        universalAuth = List.copyOf(universalAuth);
        kubernetesIdentityIds = List.copyOf(kubernetesIdentityIds);
    }
}
