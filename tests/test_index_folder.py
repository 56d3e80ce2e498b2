"""The index folder: every byte a reader uses is verified (fuzz), manifest values it does not know are one
clear line, leftovers of killed builds are cleaned, write problems are reported as write problems."""
from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys

import pytest

import corpus
from index import IndexFolderError, Retriever
from index.store import MANIFEST_HASH, clean_leftovers
from tests.test_index_retriever import FakeEncoder as BigramEncoder     # hashed bigrams: adds the dense files


@pytest.fixture(scope="module")
def clauses():
    return corpus.load_shipped()[0].clauses[:60]


@pytest.fixture(scope="module")
def built(clauses, tmp_path_factory):
    r = Retriever.build(clauses, encoder=BigramEncoder(), cache_dir=tmp_path_factory.mktemp("emb"))
    folder = r.save(tmp_path_factory.mktemp("pristine") / "idx")
    return r, folder


def _copy(folder, dest):
    dest.mkdir()
    for p in folder.iterdir():
        (dest / p.name).write_bytes(p.read_bytes())
    return dest


def _forge(folder, m: dict) -> None:
    data = json.dumps(m).encode("utf-8")
    (folder / "manifest.json").write_bytes(data)
    (folder / MANIFEST_HASH).write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")


def test_folder_has_a_manifest_checksum(built):
    _, folder = built
    data = (folder / "manifest.json").read_bytes()
    assert (folder / MANIFEST_HASH).read_text(encoding="ascii") == hashlib.sha256(data).hexdigest() + "\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["manifest.json", MANIFEST_HASH, "clauses.jsonl", "terms.json", "bm25.npz", "vocab.json",
         "embeddings.npy", "windows.npy", "vectors.faiss"])


def test_fuzz_any_changed_bit_or_byte_is_never_used(built, clauses, tmp_path):
    """A bit flipped, a byte replaced or a file cut anywhere in the folder: load refuses with one line,
    open(rebuild=False) refuses, open() rebuilds and searches exactly like the pristine index."""
    retriever, folder = built
    rng = random.Random(11)
    names = sorted(p.name for p in folder.iterdir())
    expected = retriever.search("战略性新兴产业", k=3, mode="bm25")
    assert len(expected) == 3
    n = 0
    for name in names:
        size = (folder / name).stat().st_size
        for trial in range(4):
            case = _copy(folder, tmp_path / f"{name}-{trial}")
            target = case / name
            data = bytearray(target.read_bytes())
            pos = rng.randrange(size)
            if trial == 0:
                data[pos] ^= 1 << rng.randrange(8)             # one bit
            elif trial == 1:
                data[pos] = (data[pos] + rng.randrange(1, 256)) % 256     # one byte
            elif trial == 2:
                del data[pos:]                                  # truncated
            else:
                data[-1] ^= 0x01                                # the very last byte
            target.write_bytes(bytes(data))
            with pytest.raises(IndexFolderError) as e:
                Retriever.load(case, encoder=BigramEncoder())
            assert "\n" not in str(e.value) and str(case) in str(e.value)
            with pytest.raises(IndexFolderError):
                Retriever.open(case, clauses, encoder=BigramEncoder(), rebuild=False)
            r = Retriever.open(case, clauses, encoder=BigramEncoder())
            assert r.info["action"] == "rebuilt" and r.info["reasons"]
            assert r.search("战略性新兴产业", k=3, mode="bm25") == expected
            n += 1
    assert n == 4 * len(names)


def test_edited_bm25_parameter_is_refused_not_used(built, clauses, tmp_path):
    case = _copy(built[1], tmp_path / "idx")
    m = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    m["config"]["title_weight"] = 9.0
    (case / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(IndexFolderError, match="manifest checksum mismatch.*planqa build --index"):
        Retriever.load(case)


@pytest.mark.parametrize("key, value, word", [
    ("fusion", "scord", "fusion"),
    ("title_weight", "heavy", "title_weight"),
])
def test_unknown_config_value_is_one_clear_line(built, clauses, tmp_path, key, value, word):
    case = _copy(built[1], tmp_path / "idx")
    m = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    m["config"][key] = value
    _forge(case, m)
    for call in (lambda: Retriever.load(case),
                 lambda: Retriever.open(case, clauses, encoder=BigramEncoder(), rebuild=False)):
        with pytest.raises(IndexFolderError) as e:
            call()
        msg = str(e.value)
        assert "\n" not in msg and "planqa build --index" in msg and (word in msg or "unknown" in msg)
    assert Retriever.open(case, clauses, encoder=BigramEncoder()).info["action"] == "rebuilt"


@pytest.mark.parametrize("key, value", [("faiss_kind", "ivf"), ("mode", "magic")])
def test_unknown_manifest_choice_is_one_clear_line(built, tmp_path, key, value):
    case = _copy(built[1], tmp_path / "idx")
    m = json.loads((case / "manifest.json").read_text(encoding="utf-8"))
    m[key] = value
    _forge(case, m)
    with pytest.raises(IndexFolderError, match=f"unknown {key} '{value}'.*planqa build --index"):
        Retriever.load(case)


def test_folder_without_manifest_checksum_is_rebuilt(built, clauses, tmp_path):
    case = _copy(built[1], tmp_path / "idx")
    (case / MANIFEST_HASH).unlink()
    with pytest.raises(IndexFolderError, match="no manifest.sha256.*planqa build --index"):
        Retriever.load(case)
    r = Retriever.open(case, clauses, encoder=BigramEncoder())
    assert r.info["action"] == "rebuilt"
    assert Retriever.load(case).search("战略性新兴产业", k=1, mode="bm25")


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_leftovers_of_killed_builds_are_cleaned_at_next_open(built, clauses, tmp_path):
    folder = _copy(built[1], tmp_path / "idx")
    killed = tmp_path / ".idx.building-abc123"
    killed.mkdir()
    (killed / ".planqa-build-pid").write_text(str(_dead_pid()), encoding="ascii")
    (killed / "bm25.npz").write_bytes(b"x" * 1000)
    running = tmp_path / ".idx.building-live99"
    running.mkdir()
    (running / ".planqa-build-pid").write_text(str(os.getpid()), encoding="ascii")
    stale = tmp_path / ".idx.old-zzz"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "f").write_text("old", encoding="utf-8")
    os.chmod(stale / "sub" / "f", 0o400)
    os.chmod(stale / "sub", 0o500)
    os.chmod(stale, 0o500)
    other = tmp_path / ".other.old-keep"      # another folder's leftovers are not ours to judge
    other.mkdir()
    Retriever.load(folder)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".idx.building-live99", ".other.old-keep", "idx"]
    assert clean_leftovers(folder) == []


def test_write_problem_is_reported_as_a_write_problem(built, tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(IndexFolderError) as e:
        built[0].save(blocker / "idx")
    msg = str(e.value)
    assert "cannot write" in msg and "\n" not in msg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_plan_of_short_clauses_is_loaded_again_not_rebuilt_at_every_open(clauses, tmp_path):
    # every clause one window long: the index is still a window index, and says so
    short = [c for c in clauses if len(c.text) < 100][:20]
    assert len(short) == 20
    folder = tmp_path / "idx"
    first = Retriever.open(folder, short, encoder=BigramEncoder(), cache_dir=tmp_path / "emb")
    assert first.info["action"] == "built"
    again = Retriever.open(folder, short, encoder=BigramEncoder(), cache_dir=tmp_path / "emb")
    assert again.info["action"] == "loaded"
    assert [h.clause_id for h in again.search("产业发展", k=3)] == [h.clause_id for h in first.search("产业发展", k=3)]
