package io.releaseradar.detection.core;

/** A rollup key without its hour: symptom {@code ""} is all contacts, version {@code ""} is unresolved. */
public record VersionSymptom(String version, String symptom) {

    public VersionSymptom {
        java.util.Objects.requireNonNull(version, "version");
        java.util.Objects.requireNonNull(symptom, "symptom");
    }

    // Written out: an evaluation looks keys up hundreds of thousands of times, and the generated methods (through
    // method handles) were a tenth of its time.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof VersionSymptom k && version.equals(k.version) && symptom.equals(k.symptom);
    }

    @Override
    public int hashCode() {
        return 31 * version.hashCode() + symptom.hashCode();
    }
}
