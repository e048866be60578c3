package io.releaseradar.detection;

import io.releaseradar.detection.core.VersionSymptom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Dense numbers for one product's cells and their symptoms, so that summing hours adds into arrays instead of
 * looking cells up in a map. Numbers only grow; {@link RollupHourCache#snapshot} replaces a product's numbering when
 * it has grown far past the cells it uses (new phrases keep coming), and the hours numbered by the old one are read
 * again.
 */
final class CellIds {
    private final Map<VersionSymptom, Integer> ids = new HashMap<>();
    private final Map<String, Integer> symptomIds = new HashMap<>();
    private VersionSymptom[] cells = new VersionSymptom[1024];
    private int[] symptomOf = new int[1024];
    private int size;

    /** The number of each of the first {@code size} cells, numbering the new ones. */
    synchronized int[] idsOf(VersionSymptom[] of, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idOf(of[i]);
        }
        return out;
    }

    /** The cell's number, numbering it when new. */
    synchronized int idOf(VersionSymptom cell) {
        Integer id = ids.get(cell);
        if (id == null) {
            id = size++;
            if (id == cells.length) {
                cells = Arrays.copyOf(cells, id * 2);
                symptomOf = Arrays.copyOf(symptomOf, id * 2);
            }
            cells[id] = cell;
            // get, then put: JFR showed a capturing lambda here allocated through a method handle, a fifth of a read
            Integer symptom = symptomIds.get(cell.symptom());
            if (symptom == null) {
                symptom = symptomIds.size();
                symptomIds.put(cell.symptom(), symptom);
            }
            symptomOf[id] = symptom;
            ids.put(cell, id);
        }
        return id;
    }

    /** The instance numbered as {@code id}: the hours read with this numbering share one instance per cell. */
    synchronized VersionSymptom cell(int id) {
        return cells[id];
    }

    /** The cells numbered so far: {@code cells[id]}, {@code symptomOf[id]} for every id below {@code size}. */
    synchronized Numbering numbering() {
        return new Numbering(cells, symptomOf, size, symptomIds.size());
    }

    /** What {@link CellIds} had numbered at one moment: arrays only ever copied on growth, so safe to read. */
    record Numbering(VersionSymptom[] cells, int[] symptomOf, int size, int symptoms) {
    }
}
