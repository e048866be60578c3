package io.releaseradar.platform;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the problem answers every {@code /api/v1} operation shares (401, 403, and 413 for those with a body)
 * once, instead of on every resource.
 */
public class ProblemResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.getOperations().values().forEach(ProblemResponsesFilter::addShared);
            }
        });
    }

    private static void addShared(Operation operation) {
        add(operation, "401", "No valid bearer token");
        add(operation, "403", "The token carries no role allowed to call this operation");
        if (operation.getRequestBody() != null) {
            add(operation, "413", "The body is larger than the request limit");
        }
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                .ref("#/components/schemas/Problem"))));
        operation.getResponses().addAPIResponse(status, response);
    }
}
