"""The benchmarks still run and count right, on a tiny load (their figures are not checked:
timing belongs in the benchmarks' own output, not in tests)."""

from __future__ import annotations

import re

import pytest

from bench import cues, updates


def _fields(line: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", line))


TINY = "--sessions 3 --duration-s 2 --ramp-s 0.2 --think-ms 10 --patience-s 10"


def test_the_cue_benchmark_counts_every_cue_in_both_modes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tiny = f"{TINY} --compare --in-process"
    cues.main(tiny.split())

    lines = capsys.readouterr().out.splitlines()
    runs = [_fields(line) for line in lines if line.startswith("run:")]
    assert [run["updates"] for run in runs] == ["concurrent", "sequential"]
    for kind in ("reaction:", "cues:"):
        for line in (line for line in lines if line.startswith(kind)):
            figures = _fields(line)
            assert figures["sessions"] == "3"
            assert figures["sent"] == str(3 * 12)  # 11 steps and the "done" message each
            assert figures["lost"] == "0"


def test_checks_before_the_ramp_start_every_session_in_the_ramp(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cues.main([*TINY.split(), "--in-process", "--check-s", "0.5"])

    out = capsys.readouterr().out
    [reaction] = (line for line in out.splitlines() if line.startswith("reaction:"))
    assert "check_s=0.5 " in out  # the option reached the run
    assert _fields(reaction)["lost"] == "0"


def test_over_the_wire_the_bot_process_and_the_reference_send_every_cue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cues.main([*TINY.split(), "--latency-ms", "5"])

    lines = {line.split(":")[0]: _fields(line) for line in capsys.readouterr().out.splitlines()}
    assert lines["run"]["wire"] == "http"
    assert lines["cues"]["sent"] == str(3 * 12)
    assert lines["cues"]["lost"] == "0"
    assert lines["reference"]["sent"] == str(3 * 12)
    assert {"first_p99_ms", "middle_p99_ms", "end_p99_ms"} <= set(lines["cue kinds"])
    assert lines["faults"]["task_never_retrieved"] == "0"
    assert lines["faults"]["lost_without_line"] == "0"
    assert float(lines["bot"]["cpu_s"]) > 0


@pytest.mark.parametrize("mode", [[], ["--in-process"]], ids=["http", "in_process"])
def test_the_update_benchmark_answers_every_reply(
    capsys: pytest.CaptureFixture[str], mode: list[str]
) -> None:
    updates.main(["--runners", "5", "--replies", "2", "--latency-ms", "5", *mode])

    [line] = capsys.readouterr().out.splitlines()
    figures = _fields(line)
    assert figures["replies"] == "10"
    assert float(figures["per_s"]) > 0
