package dev.dgmbench.models.fused;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.*;

class HostArraysTest {
    @Test
    void rowRangeAndSliceViewsReadAndWriteTheirOwnElements() {
        INDArray m = Nd4j.arange(0, 40).castTo(DataType.FLOAT).reshape('c', 10, 4);
        INDArray rows = m.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        float[] got = new float[12];
        HostArrays.read(rows, got, 12);
        for (int i = 0; i < 12; i++) assertEquals(8 + i, got[i]);
        HostArrays.write(new float[]{-1, -2, -3}, 3, rows);
        assertEquals(-1f, m.getFloat(2, 0));
        assertEquals(-3f, m.getFloat(2, 2));
        assertEquals(7f, m.getFloat(1, 3));
        assertEquals(11f, m.getFloat(2, 3));

        INDArray flat = Nd4j.create(DataType.FLOAT, 1, 20);
        INDArray slice = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(6, 12)).reshape('c', 2, 3);
        HostArrays.write(new float[]{1, 2, 3, 4, 5, 6}, 6, slice);
        assertEquals(0f, flat.getFloat(0, 5));
        assertEquals(1f, flat.getFloat(0, 6));
        assertEquals(6f, flat.getFloat(0, 11));
        assertEquals(0f, flat.getFloat(0, 12));
    }

    @Test
    void refusesArraysItCannotCopyContiguously() {
        INDArray f = Nd4j.create(DataType.FLOAT, new long[]{3, 3}, 'f');
        var e = assertThrows(IllegalArgumentException.class, () -> HostArrays.read(f, new float[9], 9));
        assertTrue(e.getMessage().contains("c-ordered"), e.getMessage());
    }
}
