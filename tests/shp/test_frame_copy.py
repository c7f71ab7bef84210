"""Frames written with binary COPY read back as they were: whole numbers exact, missing values
NULL (empty in text columns), floats to the last bit, text with any character."""

import math

import numpy as np
import pandas as pd
import pytest
from django.db import connection

from shp.bulk_writes import frame_copy

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
COLUMNS = {"n": "bigint", "flag": "boolean", "share": "double precision", "label": "text"}


def copied(frame: pd.DataFrame, chunk: int = 2) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE copied (n bigint, flag boolean, share double precision, "
            "label text)"
        )
        frame_copy("copied", COLUMNS, frame, chunk=chunk)
        cursor.execute("SELECT n, flag, share, label FROM copied")
        return cursor.fetchall()


def test_values_missing_values_and_chunks_read_back_as_written():
    frame = pd.DataFrame(
        {
            "n": pd.array([2**62, None, -7, 0, 12], dtype="Int64"),
            "flag": [True, False, True, False, True],
            "share": [0.1 + 0.2, np.nan, math.inf, -0.0, 1e-300],
            "label": ['say "hi", then\tgo\n', None, np.nan, "", "\\N ünïcödé"],
        }
    )
    rows = copied(frame)
    assert [r[0] for r in rows] == [2**62, None, -7, 0, 12]
    assert [r[1] for r in rows] == [True, False, True, False, True]
    assert rows[0][2] == 0.1 + 0.2 and rows[1][2] is None and rows[2][2] == math.inf
    assert rows[4][2] == 1e-300
    assert [r[3] for r in rows] == ['say "hi", then\tgo\n', "", "", "", "\\N ünïcödé"]


def test_whole_numbers_held_as_floats_are_written_as_integers():
    frame = pd.DataFrame(
        {"n": [3.0, np.nan], "flag": [True, True], "share": [1.5, 2.5], "label": ["a", "b"]}
    )
    assert [r[0] for r in copied(frame)] == [3, None]


def test_a_fraction_in_an_integer_column_is_refused():
    frame = pd.DataFrame({"n": [3.5], "flag": [True], "share": [1.0], "label": ["a"]})
    with pytest.raises(TypeError):
        copied(frame)
