"""Read pages that have no usable text layer (scanned plans) with offline OCR.

The engine is RapidOCR on onnxruntime (PyPI ``rapidocr-onnxruntime``): the
PP-OCRv4 Chinese detection and recognition models ship inside its wheel, so
nothing is downloaded.  PDF pages are rendered with ``pypdfium2``.  Both come
with the optional extra ``pip install 'planqa[ocr]'``; without it a scanned
file gets a :class:`CorpusError` saying exactly that.

Recognised boxes are cached as JSON, one file per page image, named by the
sha256 of the rendered pixels (plus their size and the engine version), so a
page is recognised once: in ``<cache_dir>`` when one is set (the CLI uses the
index folder's ``ocr/``), else ``$PLANQA_HOME/ocr/``.  Lines, reading order
and page furniture are worked out from the cached boxes by
:mod:`corpus.ocr_layout` every time, so improving them never invalidates the
cache.

Callers set the cache folder and a progress callback for a block of work with
:func:`ocr_settings` (a context variable, so loaders keep their signatures)::

    with ocr_settings(cache_dir="idx/ocr", progress=print):
        doc = corpus.load_document("scan.pdf")
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Callable, Iterator

from corpus.model import CorpusError
from corpus.ocr_layout import Box, OcrLine, boxes_from_quads, drop_running_heads, page_lines, split_page_number

INSTALL_HINT = "pip install 'planqa[ocr]'"
ENGINE = "rapidocr-onnxruntime"
CACHE_VERSION = 1
DPI = 150                   # render resolution for PDF pages (11 pt text -> ~23 px characters)
MAX_PAGES = 300             # pages one file may send to OCR (each ~7 CPU-seconds: eval/results/ocr)
MAX_PAGE_PIXELS = 12_000_000        # a page is downscaled to this before OCR (A3 at 150 dpi is 4.4 M)
MAX_IMAGE_PIXELS = 80_000_000       # an image file larger than this is refused (decompression bombs)
SECONDS_PER_PAGE = 5.0      # the estimate before the first page is done (7 CPU-s on 2 threads)


@dataclass(frozen=True)
class OcrProgress:
    """One progress event: ``done`` of ``total`` pages finished (0 at the start);
    ``page`` is the physical page just done (1-based, 0 at the start);
    ``eta_s`` the estimated seconds left."""

    path: str
    done: int
    total: int
    page: int = 0
    seconds: float = 0.0
    cached: bool = False
    eta_s: float = 0.0

    def line(self) -> str:
        """The progress line the CLI prints."""
        if self.done == 0:
            return f"OCR {Path(self.path).name}: {self.total} 页需识别 pages to recognise, 约 about {self.eta_s:.0f} s"
        how = "缓存 cached" if self.cached else f"{self.seconds:.1f} s"
        return f"OCR {Path(self.path).name}: 第 {self.page} 页 page {self.done}/{self.total} ({how}), 剩余约 {self.eta_s:.0f} s left"


@dataclass(frozen=True)
class OcrSettings:
    cache_dir: Path | None = None
    progress: Callable[[OcrProgress], None] | None = None
    dpi: int = DPI
    max_pages: int = MAX_PAGES
    max_page_pixels: int = MAX_PAGE_PIXELS


_SETTINGS: contextvars.ContextVar[OcrSettings] = contextvars.ContextVar("planqa_ocr_settings", default=OcrSettings())


@contextlib.contextmanager
def ocr_settings(**changes) -> Iterator[OcrSettings]:
    """Use these OCR settings (cache_dir, progress, dpi, max_pages,
    max_page_pixels) for the loads inside the ``with`` block."""
    current = _SETTINGS.get()
    if changes.get("cache_dir") is not None:
        changes["cache_dir"] = Path(changes["cache_dir"])
    new = OcrSettings(**{**current.__dict__, **changes})
    token = _SETTINGS.set(new)
    try:
        yield new
    finally:
        _SETTINGS.reset(token)


def current_settings() -> OcrSettings:
    return _SETTINGS.get()


@dataclass(frozen=True)
class OcrPage:
    """A recognised page: lines in reading order (page furniture removed)."""

    index: int                      # physical page, 0-based
    printed: int | None             # printed page number read from the page, if any
    lines: tuple[OcrLine, ...]
    height: float
    seconds: float = 0.0
    cached: bool = False
    boxes: tuple[Box, ...] = field(default=(), repr=False)

    @property
    def confidence(self) -> float:
        n = sum(len(ln.text.strip()) for ln in self.lines)
        return sum(ln.conf * len(ln.text.strip()) for ln in self.lines) / n if n else 0.0


# --------------------------------------------------------------------------- engine

def available() -> bool:
    try:
        import pypdfium2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _missing(path, what: str) -> CorpusError:
    return CorpusError(f"{path}: {what}; reading it needs the OCR extra: {INSTALL_HINT}")


_ENGINE = None
_ENGINE_LOCK = threading.Lock()


def _engine():
    """The RapidOCR engine (created once; models load from the wheel).  Threads:
    $PLANQA_OCR_THREADS, else two (or one on a one-CPU machine)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr_onnxruntime import RapidOCR

            threads = int(os.environ.get("PLANQA_OCR_THREADS") or min(2, os.cpu_count() or 1))
            _ENGINE = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)
    return _ENGINE


def engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{ENGINE} {version(ENGINE)}"
    except PackageNotFoundError:        # pragma: no cover - running from a source tree
        return ENGINE


def recognise(image) -> list[Box]:
    """Text boxes on an RGB image (a numpy array, H x W x 3, uint8)."""
    result, _ = _engine()(image)
    return boxes_from_quads(result)


# --------------------------------------------------------------------------- cache

def cache_folder(settings: OcrSettings | None = None) -> Path:
    settings = settings or current_settings()
    if settings.cache_dir is not None:
        return settings.cache_dir
    env = os.environ.get("PLANQA_HOME")        # as index.encoders.planqa_home (corpus does not import index)
    home = Path(env).expanduser() if env else Path.home() / ".cache" / "planqa"
    return home / "ocr"


def image_key(pixels: bytes, width: int, height: int, version: str) -> str:
    """Cache key of a page image: its pixels, size, the engine version and the cache format."""
    h = hashlib.sha256()
    h.update(f"planqa-ocr {CACHE_VERSION} {version} {width}x{height}\n".encode("utf-8"))
    h.update(pixels)
    return h.hexdigest()


def _cache_read(folder: Path, key: str) -> list[Box] | None:
    path = folder / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Box(*map(float, row[:4]), str(row[4]), float(row[5])) for row in data["boxes"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None          # absent or damaged: recognise again


def _cache_write(folder: Path, key: str, boxes: list[Box], meta: dict) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = dict(meta, format="planqa-ocr", version=CACHE_VERSION,
                    boxes=[[round(b.x0, 1), round(b.y0, 1), round(b.x1, 1), round(b.y1, 1), b.text, round(b.conf, 4)]
                           for b in boxes])
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
    except OSError:
        return               # a read-only disk only costs a re-run next time
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# --------------------------------------------------------------------------- pages

def _to_rgb_array(image):
    import numpy as np

    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.ascontiguousarray(np.asarray(image))


def _fit(image, max_pixels: int):
    w, h = image.size
    if w * h <= max_pixels:
        return image
    s = (max_pixels / (w * h)) ** 0.5
    return image.resize((max(1, int(w * s)), max(1, int(h * s))))


def _recognise_pages(path, images: Iterator[tuple[int, object]], total: int, settings: OcrSettings) -> list[OcrPage]:
    """OCR (or read from the cache) each (index, PIL image); report progress."""
    folder = cache_folder(settings)
    version = engine_version()
    report = settings.progress
    spent: list[float] = []         # seconds of pages recognised
    hits: list[float] = []          # seconds of pages read from the cache
    if report:
        report(OcrProgress(str(path), 0, total, eta_s=total * SECONDS_PER_PAGE))
    pages: list[OcrPage] = []
    for done, (index, image) in enumerate(images, start=1):
        image = _fit(image, settings.max_page_pixels)
        array = _to_rgb_array(image)
        height, width = array.shape[:2]
        key = image_key(array.tobytes(), width, height, version)
        t0 = time.perf_counter()
        boxes = _cache_read(folder, key)
        cached = boxes is not None
        if boxes is None:
            boxes = recognise(array)
            _cache_write(folder, key, boxes, {"engine": version, "width": width, "height": height})
        dt = time.perf_counter() - t0
        (hits if cached else spent).append(dt)
        lines = page_lines(boxes)
        printed, lines = split_page_number(lines, height)
        pages.append(OcrPage(index, printed, tuple(lines), float(height), dt, cached, tuple(boxes)))
        if report:
            per_page = median(spent) if spent else (median(hits) if hits else SECONDS_PER_PAGE)
            report(OcrProgress(str(path), done, total, index + 1, dt, cached, per_page * (total - done)))
    kept = drop_running_heads([(list(p.lines), p.height) for p in pages])
    return [OcrPage(p.index, p.printed, tuple(k), p.height, p.seconds, p.cached, p.boxes) for p, k in zip(pages, kept)]


def _check_count(path, count: int, settings: OcrSettings) -> None:
    if count > settings.max_pages:
        raise CorpusError(f"{path}: {count} scanned pages need OCR, more than the limit of {settings.max_pages} "
                          "(split the file, or raise the limit with ocr_settings(max_pages=...))")


def ocr_pdf_pages(path: str | Path, indices: list[int]) -> list[OcrPage]:
    """Recognise the given (0-based) pages of a PDF; raises CorpusError when the
    OCR extra is missing, a page cannot be rendered or a limit is exceeded."""
    settings = current_settings()
    try:
        import pypdfium2 as pdfium
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        raise _missing(path, f"{len(indices)} page(s) have no text layer (scanned?)") from None
    _check_count(path, len(indices), settings)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:            # pdfium's own error types
        raise CorpusError(f"{path}: OCR could not open the PDF ({type(exc).__name__})") from None

    scale0 = settings.dpi / 72

    def images():
        for i in indices:
            try:
                page = pdf[i]
                w_pt, h_pt = page.get_size()
                if w_pt * h_pt * scale0 * scale0 > 4 * settings.max_page_pixels:
                    raise CorpusError(f"{path}: page {i + 1} is {w_pt / 72 * 2.54:.0f}×{h_pt / 72 * 2.54:.0f} cm, "
                                      "too large to OCR")
                scale = min(scale0, (settings.max_page_pixels / max(1.0, w_pt * h_pt)) ** 0.5)
                bitmap = page.render(scale=scale, grayscale=True)
                image = bitmap.to_pil()
            except CorpusError:
                raise
            except Exception as exc:
                raise CorpusError(f"{path}: page {i + 1} could not be rendered for OCR ({type(exc).__name__})") from None
            yield i, image

    try:
        return _recognise_pages(path, images(), len(indices), settings)
    finally:
        pdf.close()


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def ocr_image_file(path: str | Path) -> list[OcrPage]:
    """Recognise an image file (every frame of a multi-page TIFF)."""
    settings = current_settings()
    try:
        import rapidocr_onnxruntime  # noqa: F401
        from PIL import Image, ImageSequence, UnidentifiedImageError
    except ImportError:
        raise _missing(path, "an image has no text layer") from None
    too_large = f"{path}: image too large to OCR (limit {MAX_IMAGE_PIXELS // 1_000_000} M pixels)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)     # our own limit applies below
            im = Image.open(str(path))
            w, h = im.size
            if w * h > MAX_IMAGE_PIXELS:
                raise CorpusError(f"{too_large[:-1]}; it is {w}×{h})")
            frames = [frame.copy() for frame in ImageSequence.Iterator(im)]
    except CorpusError:
        raise
    except Image.DecompressionBombError:
        raise CorpusError(too_large) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorpusError(f"{path}: not a readable image ({type(exc).__name__})") from None
    _check_count(path, len(frames), settings)
    return _recognise_pages(path, iter(enumerate(frames)), len(frames), settings)
