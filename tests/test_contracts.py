"""Every mechanism's ``show`` and ``case`` JSON, byte for byte, against the snapshots in ``tests/contracts/``.

The snapshots were taken from the Python plugins before they became data files; the conversion left them
unchanged, so this test is the proof that it lost nothing. A deliberate change of content regenerates them
(``MECHANISMS_UPDATE_CONTRACTS=1 pytest tests/test_contracts.py``) and the diff shows exactly what changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms.cli import main

HERE = Path(__file__).parent / "contracts"
KEYS = ("changling-five-strengthen", "dongxing-4433", "example", "linjiang-five-bao", "louxing-three-duties",
        "xunyi-ten-actions")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["show", "case"])
@pytest.mark.parametrize("key", KEYS)
def test_json_output_matches_the_snapshot(key: str, command: str, lang: str) -> None:
    result = CliRunner().invoke(main, [command, key, "--format", "json", "--lang", lang])
    assert result.exit_code == 0, result.output
    path = HERE / f"{command}-{key}-{lang}.json"
    if os.environ.get("MECHANISMS_UPDATE_CONTRACTS"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
