package io.releaseradar.detection.core;

/** A rollup key without its hour: symptom {@code ""} is all contacts, version {@code ""} is unresolved. */
public record VersionSymptom(String version, String symptom) {
}
