"""Safe writes: a folder swapped in whole, --force replacing every old table, no-overwrite without races, signals
leaving the old output and no temporary files, unwritable folders and full disks a one-line message, and every
check before the work. Real files, real subprocesses, real signals; no mocks."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms import OverwriteError, demo_county, load_county, write_county
from mechanisms.cli.app import main
from mechanisms.io.atomic import write_text
from mechanisms.io.atomic_folder import atomic_folder

MECHANISMS = [str(Path(sys.executable).with_name("mechanisms"))]  # the installed command, in its own process
GEN = ["generate", "--towns", "2", "--villages", "4", "--households", "40"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MECHANISMS, *args], capture_output=True, text=True, timeout=120,
                          check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_force_replaces_every_old_table_english_chinese_and_optional(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_county(demo_county(), out)  # every optional table: visits, points, events, …
    (out / "走访.csv").write_text("人员,单位,日期\n", encoding="utf-8")  # a Chinese-named optional table
    code, _, err = run(*GEN, "-o", str(out))
    assert code == 2 and "已有数据表" in err
    code, _, err = run(*GEN, "-o", str(out), "--force")
    assert code == 0, err
    assert sorted(os.listdir(out)) == ["人员.csv", "包保.csv", "单位.csv"]  # nothing old survives (zh: the default)
    assert leftovers(tmp_path) == []
    assert not load_county(out).visits and not load_county(out).points


def test_a_folder_of_chinese_named_tables_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "县"
    out.mkdir()
    (out / "单位.csv").write_text("precious", encoding="utf-8")
    code, _, err = run(*GEN, "-o", str(out), "--lang", "en")
    assert code == 2 and err.strip().splitlines() == [
        f"Error: {out} holds tables (单位.csv); not replacing them (pass overwrite=True / --force to replace the "
        "whole folder)"]
    assert os.listdir(out) == ["单位.csv"] and (out / "单位.csv").read_text(encoding="utf-8") == "precious"


def test_a_folder_holding_other_files_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "work"
    out.mkdir()
    (out / "README.txt").write_text("mine", encoding="utf-8")
    (out / "units.csv").write_text("old", encoding="utf-8")
    with pytest.raises(OverwriteError, match=r"not tables \(README\.txt\)"):
        write_county(demo_county(), out, overwrite=True)
    assert sorted(os.listdir(out)) == ["README.txt", "units.csv"]


def test_an_empty_folder_is_filled_and_a_file_is_not_a_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_county(demo_county(), empty)
    assert load_county(empty) == demo_county()
    file = tmp_path / "plain"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(OverwriteError, match="is a file, not a folder"):
        write_county(demo_county(), file, fmt="csv", overwrite=True)


def test_a_dangling_symlink_counts_as_existing(tmp_path: Path) -> None:
    for name in ("c.json", "folder"):
        link = tmp_path / name
        link.symlink_to(tmp_path / "nowhere")
        with pytest.raises(OverwriteError, match="exists"):
            write_county(demo_county(), link, fmt="json" if name.endswith("json") else "csv")
        assert link.is_symlink() and not (tmp_path / "nowhere").exists()
        write_county(demo_county(), link, fmt="json" if name.endswith("json") else "csv", overwrite=True)
        assert not link.is_symlink() and load_county(link) == demo_county()
    assert leftovers(tmp_path) == []


def test_no_overwrite_is_race_free(tmp_path: Path) -> None:
    """Someone creates the target while we write: theirs stays, ours is refused (the final step refuses to replace)."""
    target = tmp_path / "r.json"
    with pytest.raises(OverwriteError), atomic_folder(tmp_path / "f") as tmp:
        (tmp / "units.csv").write_text("ours", encoding="utf-8")
        (tmp_path / "f").mkdir()
        (tmp_path / "f" / "theirs.txt").write_text("theirs", encoding="utf-8")
    assert os.listdir(tmp_path / "f") == ["theirs.txt"]
    from mechanisms.io.atomic import atomic_path

    with pytest.raises(OverwriteError), atomic_path(target) as tmp:
        tmp.write_text("ours", encoding="utf-8")
        target.write_text("theirs", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path) == []


def test_many_writers_racing_for_one_name_one_wins_and_nobody_is_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "race.txt"
    wins: list[str] = []
    barrier = threading.Barrier(8)

    def writer(k: int) -> None:
        barrier.wait()
        with contextlib.suppress(OverwriteError):
            write_text(target, f"writer {k}\n")
            wins.append(f"writer {k}\n")

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1 and target.read_text(encoding="utf-8") == wins[0]
    assert leftovers(tmp_path) == []


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    """A real small or read-only file system (tmpfs); skips where mounting is not allowed."""
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, check=False)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_an_unwritable_folder_is_one_line_and_exit_1_before_the_work(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        ctx: contextlib.AbstractContextManager[Path] = mounted(tmp_path / "ro", "ro,size=1m")
    else:
        (tmp_path / "ro").mkdir(mode=0o555)
        ctx = contextlib.nullcontext(tmp_path / "ro")
    with ctx as ro:
        started = time.perf_counter()
        r = cli("generate", "--towns", "20", "--villages", "400", "--households", "400000", "-o", str(ro / "out"))
        assert r.returncode == 1 and "Traceback" not in r.stderr
        reason = "文件系统只读" if os.geteuid() == 0 else "没有写入权限"
        assert r.stderr.strip().splitlines() == [f"错误：无法写入 {ro / 'out'}：{reason}；未写入任何内容"]
        assert time.perf_counter() - started < 20  # refused before generating 400,000 households
        r = cli("report", "example", "--county", "demo", "-o", str(ro / "r.html"), "--lang", "en")
        assert r.returncode == 1 and r.stderr.startswith(f"Error: cannot write {ro / 'r.html'}: ")


def test_a_full_disk_is_one_line_exit_1_old_output_intact_and_no_temporary(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs a small tmpfs")
    with mounted(tmp_path / "small", "size=256k") as small:
        out = small / "out"
        assert run(*GEN, "-o", str(out))[0] == 0
        before = {n: (out / n).read_bytes() for n in os.listdir(out)}
        r = cli("generate", "--towns", "4", "--villages", "40", "--households", "20000", "-o", str(out), "--force")
        assert r.returncode == 1 and r.stderr.strip().splitlines() == [
            f"错误：无法写入 {out}：磁盘空间不足；未写入任何内容"]
        assert {n: (out / n).read_bytes() for n in os.listdir(out)} == before
        assert leftovers(small) == []


def test_a_file_size_limit_is_one_line_exit_1_and_no_temporary(tmp_path: Path) -> None:
    """The kernel refusing to grow a file (RLIMIT_FSIZE: EFBIG), on any machine, as a full disk would."""
    out = tmp_path / "c.json"
    out.write_text("old", encoding="utf-8")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    r = subprocess.run([*MECHANISMS, "generate", "--towns", "4", "--villages", "40",
                        "--households", "4000", "-o", str(out), "--force", "--lang", "en"],
                       capture_output=True, text=True, timeout=120, preexec_fn=limit, check=False)
    assert r.returncode == 1 and r.stderr.strip().splitlines() == [
        f"Error: cannot write {out}: file larger than the system allows; nothing was written"]
    assert out.read_text(encoding="utf-8") == "old" and leftovers(tmp_path) == []


def test_the_output_check_happens_before_the_work(tmp_path: Path) -> None:
    out = tmp_path / "busy"
    write_county(demo_county(), out)
    for args in (["staff", "demo", "--mechanism", "example", "-o", str(out)],
                 ["generate", "--towns", "50", "--villages", "5000", "--households", "2000000", "-o", str(out)]):
        started = time.perf_counter()
        code, _, err = run(*args)
        assert code == 2 and "已有数据表" in err
        assert time.perf_counter() - started < 5  # two million households would take far longer
    html = tmp_path / "r.html"
    html.write_text("old", encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run("compare", "--county", "demo", "--html", str(html), "--simulate", "--runs", "500")
    assert code == 2 and "已存在" in err and time.perf_counter() - started < 5


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_write_leaves_the_old_output_and_no_temporary(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "out"
    assert run(*GEN, "-o", str(out))[0] == 0
    before = {n: (out / n).read_bytes() for n in os.listdir(out)}
    proc = subprocess.Popen([*MECHANISMS, "generate", "--towns", "10", "--villages", "200",
                             "--households", "300000", "--rows", "-o", str(out), "--force"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not [n for n in leftovers(tmp_path) if n.startswith(".out.")]:  # until the new folder is being written
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode in (-sig, 128 + sig, 1)  # died of the signal (SIGINT: click's "Aborted!", exit 1)
    assert {n: (out / n).read_bytes() for n in os.listdir(out)} == before
    assert leftovers(tmp_path) == []
