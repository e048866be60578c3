package io.releaseradar.notices;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notice's text in one language: the same rules and placeholders as its default subject and body. */
@Schema(name = "NoticeTranslation")
public record Translation(
        @Schema(required = true, example = "Bitte warten Sie mit {product} {version}") String subject,
        @Schema(required = true, example = "Guten Tag {name}, bitte aktualisieren Sie auf {fixVersion}.")
        String body) {
}
